package io.gyre.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A task cancelled while a scope inside it waits for children an inner deadline already
 * cancelled: the task's own cancellation is the one that comes out, so the deadline's scope does
 * not take it for its timeout and let the task run on.
 */
class OuterCancellationTest {
    @Test
    void aTaskCancelledWhileAnExpiredDeadlineScopeWaitsForItsChildrenEndsCancelled() {
        CountDownLatch cleaning = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        TaskState end = Gyre.run(() -> TaskGroup.run(outer -> {
            Task<String> looper = outer.spawn("looper", () -> {
                Optional<Object> r = Timeout.moveOnAfter(Duration.ofMillis(20), deadline -> TaskGroup.run(g -> {
                    g.spawn("child", () -> {
                        try {
                            Gyre.sleep(Duration.ofMinutes(1));
                        } catch (CancelledException e) {
                            cleaning.countDown();
                            Cancellation.shield(Duration.ofSeconds(30), () -> release.await(30, TimeUnit.SECONDS));
                            throw e;
                        }
                        return null;
                    });
                    Gyre.sleep(Duration.ofMinutes(1)); // the deadline cancels this body first
                    return null;
                }));
                return "moveOnAfter returned " + r + " and the task went on";
            });
            assertThat(cleaning.await(10, TimeUnit.SECONDS)).as("the deadline fired and the child cleans up").isTrue();
            looper.cancel("shutdown");
            // the group owner waits for the child; the cancellation reaches it as an interrupt.
            // No event says it was delivered: give it time, bounded (without it the test passes either way)
            Thread.sleep(200);
            release.countDown();
            try {
                looper.await(Duration.ofSeconds(10));
            } catch (CancelledException e) {
                throw new AssertionError("the test's own task was cancelled", e);
            }
            return looper.state();
        }));
        assertThat(end).as("how the cancelled task ended").isEqualTo(TaskState.CANCELLED);
    }
}
