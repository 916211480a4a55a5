package io.gyre.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A cancellation seen by user code prints as {@link CancelledException}, the type its Javadoc names. */
class CancellationPrintsAsPublicTypeTest {
    @Test
    void aDeliveredCancellationPrintsAsCancelledExceptionWithItsReason() {
        AtomicReference<CancelledException> seen = new AtomicReference<>();
        CountDownLatch sleeping = new CountDownLatch(1);
        Gyre.run(RunnerConfig.builder().handleSignals(false).build(), () -> TaskGroup.run(g -> {
            Task<Void> worker = g.spawn("worker", () -> {
                try {
                    sleeping.countDown();
                    Gyre.sleep(Duration.ofMinutes(5));
                } catch (CancelledException e) {
                    seen.set(e);
                    throw e;
                }
            });
            sleeping.await();
            worker.cancel("the user pressed stop");
            return null;
        }));
        StringWriter trace = new StringWriter();
        seen.get().printStackTrace(new PrintWriter(trace));
        assertThat(seen.get().toString()).isEqualTo("io.gyre.runtime.CancelledException: cancelled: the user pressed stop");
        assertThat(trace.toString()).startsWith("io.gyre.runtime.CancelledException: cancelled: the user pressed stop")
                .doesNotContain("internal.CancelSignal");
    }
}
