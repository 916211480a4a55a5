package io.gyre.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gyre.runtime.Cancellation;
import io.gyre.runtime.ClosedException;
import io.gyre.runtime.Gyre;
import io.gyre.runtime.TaskGroup;
import io.gyre.runtime.Timeout;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

class DeadlineScopeTest {

    @Test
    void aTimerThatWasAlreadyFiringWhenTheDeadlineMovedOutDoesNotCancelTheBody() {
        Optional<String> r = Gyre.run(() -> {
            TaskImpl<?> me = TaskImpl.current();
            LoopImpl timers = me.core.timers();
            Thread timerThread = onLoop(timers, Thread::currentThread);
            return Timeout.moveOnAfter(Duration.ofHours(1), t -> {
                Thread mover = Thread.ofPlatform().name("mover").start(() -> {
                    synchronized (me) { // the monitor the timer callback takes: it fires, then waits here
                        t.reschedule(Duration.ofMillis(1));
                        awaitBlockedInTimerCallback(timerThread);
                        t.reschedule(Duration.ofHours(1));
                    }
                });
                mover.join();
                onLoop(timers, () -> "the stale timer callback has run");
                Cancellation.checkpoint();
                return "body finished";
            });
        });
        assertThat(r).contains("body finished");
    }

    @Test
    void aTimeoutOrShieldThatCannotStartItsTimerLeavesNoCancelFrameBehind() {
        String r = Gyre.run(() -> {
            LoopImpl timers = TaskImpl.current().core.timers();
            timers.stop("the test");
            assertThat(timers.awaitClosed(Duration.ofSeconds(10))).isTrue();
            // the group's own frame must be the top one again when its body ends
            return TaskGroup.run(g -> {
                assertThatThrownBy(() -> Timeout.failAfter(Duration.ofHours(1), t -> "never"))
                        .isInstanceOf(ClosedException.class);
                assertThatThrownBy(() -> Cancellation.shield(Duration.ofHours(1), () -> "never"))
                        .isInstanceOf(ClosedException.class);
                return "frames intact";
            });
        });
        assertThat(r).isEqualTo("frames intact");
    }

    private static <T> T onLoop(LoopImpl loop, java.util.function.Supplier<T> what) throws InterruptedException {
        AtomicReference<T> out = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        loop.callSoon(() -> {
            out.set(what.get());
            done.countDown();
        });
        done.await();
        return out.get();
    }

    /** Polls with a bound: a thread blocking on a monitor has no event of its own. */
    private static void awaitBlockedInTimerCallback(Thread thread) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!(thread.getState() == Thread.State.BLOCKED && inTimerCallback(thread))) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("gave up waiting until " + thread.getName() + " blocks");
            }
            LockSupport.parkNanos(50_000);
        }
    }

    private static boolean inTimerCallback(Thread thread) {
        for (StackTraceElement e : thread.getStackTrace()) {
            if (e.getClassName().startsWith(DeadlineScope.class.getName())) {
                return true;
            }
        }
        return false;
    }
}
