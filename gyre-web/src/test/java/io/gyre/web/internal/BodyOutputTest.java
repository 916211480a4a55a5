package io.gyre.web.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.api.Test;

class BodyOutputTest {
    @Test
    void aHeadThatFailsWhileBeingAppliedCountsAsStartedSoNoErrorResponseIsWrittenOverIt() {
        BodyOutput out = new BodyOutput(() -> {
            throw new IllegalStateException("the head could not be applied");
        });
        assertThat(out.started()).as("before anything was written").isFalse();
        Throwable failure = catchThrowable(() -> {
            out.write(new byte[] {1, 2, 3});
            out.flush();
        });
        assertThat(failure).hasMessageContaining("the head could not be applied");
        assertThat(out.started()).as("after the opener ran, even though it failed").isTrue();
    }
}
