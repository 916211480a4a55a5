package io.gyre.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.gyre.runtime.CancelledException;
import org.junit.jupiter.api.Test;

/** Of two cancellations, the one not rethrown hands its suppressed failures to the one that is. */
class OutermostCancellationTest {
    @Test
    void theCancellationNotRethrownLendsItsSuppressedFailuresToTheOneThatIs() {
        CancelledException first = new CancelledException("the outer scope was cancelled");
        CancelledException later = new CancelledException("an inner deadline passed");
        later.addSuppressed(new IllegalStateException("close failed"));

        CancelledException kept = TaskImpl.outermost(first, later);

        assertThat(kept).isSameAs(first);
        assertThat(kept.getSuppressed()).extracting(Throwable::getMessage).containsExactly("close failed");
    }
}
