package io.gyre.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class CancellationTest {

    @Test
    void cancellingASleepingTaskRaisesCancelledExceptionWithTheReason() {
        AtomicReference<String> reason = new AtomicReference<>();
        Gyre.run(() -> TaskGroup.run(g -> {
            CountDownLatch started = new CountDownLatch(1);
            Task<Void> t = g.spawn("sleeper", () -> {
                started.countDown();
                try {
                    Gyre.sleep(Duration.ofHours(1));
                } catch (CancelledException e) {
                    reason.set(e.reason());
                    throw e;
                }
            });
            started.await();
            assertThat(t.cancel("user pressed stop")).isTrue();
            assertThat(t.cancel("again")).isFalse();
            assertThatThrownBy(t::join).isInstanceOf(CancelledException.class)
                    .hasMessageContaining("user pressed stop");
            assertThat(t.state()).isEqualTo(TaskState.CANCELLED);
            return null;
        }));
        assertThat(reason.get()).isEqualTo("user pressed stop");
    }

    @Test
    void aTaskThatCatchesCancellationAndReturnsAValueSucceeds() {
        Gyre.run(() -> TaskGroup.run(g -> {
            CountDownLatch started = new CountDownLatch(1);
            Task<String> t = g.spawn("stubborn", () -> {
                started.countDown();
                try {
                    Gyre.sleep(Duration.ofHours(1));
                    return "slept";
                } catch (CancelledException e) {
                    Gyre.sleep(Duration.ofMillis(1)); // cleanup may block: the cancel was delivered once
                    return "partial";
                }
            });
            started.await();
            t.cancel("enough");
            assertThat(t.join()).isEqualTo("partial");
            assertThat(t.state()).isEqualTo(TaskState.SUCCEEDED);
            return null;
        }));
    }

    @Test
    void jdkBlockingCallsAreInterruptedByCancellation() {
        Gyre.run(() -> TaskGroup.run(g -> {
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch never = new CountDownLatch(1);
            Task<Void> t = g.spawn("jdk-wait", () -> {
                started.countDown();
                never.await();
            });
            started.await();
            t.cancel("stop waiting");
            t.await(Duration.ofSeconds(5));
            assertThat(t.state()).isEqualTo(TaskState.CANCELLED);
            return null;
        }));
    }

    @Test
    void aCheckpointInACpuLoopObservesCancellation() {
        Gyre.run(() -> TaskGroup.run(g -> {
            CountDownLatch started = new CountDownLatch(1);
            Task<Long> t = g.spawn("spin", () -> {
                long n = 0;
                started.countDown();
                while (true) {
                    n++;
                    if ((n & 1023) == 0) {
                        Cancellation.checkpoint();
                    }
                }
            });
            started.await();
            t.cancel("spin no more");
            assertThatThrownBy(t::join).isInstanceOf(CancelledException.class);
            return null;
        }));
    }

    @Test
    void joiningATaskFromItselfIsRefused() {
        assertThatThrownBy(() -> Gyre.run(() -> TaskGroup.run(g -> {
            AtomicReference<Task<?>> self = new AtomicReference<>();
            CountDownLatch set = new CountDownLatch(1);
            Task<Void> t = g.spawn("narcissus", () -> {
                set.await();
                self.get().join();
            });
            self.set(t);
            set.countDown();
            return null;
        }))).isInstanceOf(TaskGroupException.class).cause().hasMessageContaining("tried to wait for itself");
    }

    @Test
    void onDoneCallbacksRunOnceTheTaskEndedAndImmediatelyAfterwards() {
        Gyre.run(() -> TaskGroup.run(g -> {
            CountDownLatch first = new CountDownLatch(1);
            Task<Integer> t = g.spawn("x", () -> 7);
            t.onDone(task -> first.countDown());
            first.await();
            AtomicReference<Integer> late = new AtomicReference<>();
            t.onDone(task -> late.set(task.resultNow()));
            assertThat(late.get()).isEqualTo(7);
            return null;
        }));
    }

    @Test
    void currentTaskIsVisibleInsideATaskAndEmptyOutside() {
        assertThat(Task.current()).isEmpty();
        String name = Gyre.run(() -> Task.current().orElseThrow().name());
        assertThat(name).isEqualTo("main");
    }

    @Test
    void gyreApisCalledOutsideATaskExplainHowToFixIt() {
        assertThatThrownBy(() -> TaskGroup.run(g -> null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("TaskGroup.run was called from thread")
                .hasMessageContaining("Gyre.run(");
    }
}
