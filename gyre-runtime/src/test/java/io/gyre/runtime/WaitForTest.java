package io.gyre.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

@org.junit.jupiter.api.Timeout(20)
class WaitForTest {
    private static final Duration SHORT = Duration.ofMillis(20);

    @Test
    void returnsTheValueOfWorkThatFinishesInTime() {
        assertThat(Gyre.run(() -> Tasks.waitFor(() -> "done", Duration.ofSeconds(10)))).isEqualTo("done");
    }

    @Test
    void onTimeoutTheBodyIsCancelledAndFinishesItsCleanupBeforeTheTimeoutIsThrown() {
        List<String> events = new CopyOnWriteArrayList<>();
        Gyre.run(() -> {
            assertThatThrownBy(() -> Tasks.waitFor(() -> {
                try {
                    Event.create().await();
                    return "never";
                } finally {
                    events.add("cleanup");
                }
            }, SHORT)).isInstanceOf(DeadlineExceededException.class);
            events.add("timeout seen");
            return null;
        });
        assertThat(events).containsExactly("cleanup", "timeout seen");
    }

    @Test
    void onTimeoutATaskIsCancelledAndHasEndedBeforeTheTimeoutIsThrown() {
        Gyre.run(() -> {
            TaskGroup.run(g -> {
                AtomicBoolean cleanedUp = new AtomicBoolean();
                Task<String> slow = g.spawn("slow", () -> {
                    try {
                        Event.create().await();
                        return "never";
                    } finally {
                        cleanedUp.set(true);
                    }
                });
                assertThatThrownBy(() -> Tasks.waitFor(slow, SHORT)).isInstanceOf(DeadlineExceededException.class)
                        .hasMessageContaining("task 'slow' did not finish");
                assertThat(slow.state()).isEqualTo(TaskState.CANCELLED);
                assertThat(cleanedUp).isTrue();
                return null;
            });
            return null;
        });
    }

    @Test
    void aFailureDuringCleanupWinsOverTheTimeout() {
        Gyre.run(() -> {
            assertThatThrownBy(() -> Tasks.waitFor(() -> {
                try {
                    Event.create().await();
                    return "never";
                } catch (CancelledException e) {
                    throw new IllegalStateException("cleanup failed");
                }
            }, SHORT)).isInstanceOf(IllegalStateException.class).hasMessage("cleanup failed");
            Supervisor.run("expects-failure", (t, f) -> { }, s -> {
                Task<String> t = s.spawn("t", () -> {
                    try {
                        Event.create().await();
                        return "never";
                    } catch (CancelledException e) {
                        throw new IllegalStateException("cleanup failed");
                    }
                });
                assertThatThrownBy(() -> Tasks.waitFor(t, SHORT)).isInstanceOf(TaskFailedException.class)
                        .hasCauseInstanceOf(IllegalStateException.class);
                return null;
            });
            return null;
        });
    }

    @Test
    void aValueReturnedByWorkThatSuppressedTheCancelIsReturned() {
        Gyre.run(() -> {
            TaskBody<String> stubborn = () -> {
                try {
                    Event.create().await();
                    return "never";
                } catch (CancelledException e) {
                    return "partial";
                }
            };
            assertThat(Tasks.waitFor(stubborn, SHORT)).isEqualTo("partial");
            TaskGroup.run(g -> {
                assertThat(Tasks.waitFor(g.spawn("stubborn", stubborn), SHORT)).isEqualTo("partial");
                return null;
            });
            return null;
        });
    }

    @Test
    void aZeroTimeoutNeverStartsTheBody() {
        AtomicBoolean started = new AtomicBoolean();
        Gyre.run(() -> {
            assertThatThrownBy(() -> Tasks.waitFor(() -> started.getAndSet(true), Duration.ZERO))
                    .isInstanceOf(DeadlineExceededException.class).hasMessageContaining("not started");
            return null;
        });
        assertThat(started).isFalse();
    }

    @Test
    void cancellingTheWaiterCancelsTheTaskAndWaitsForIt() {
        Gyre.run(() -> {
            TaskGroup.run(g -> {
                Event innerWaits = Event.create();
                Task<String> inner = g.spawn("inner", () -> {
                    innerWaits.set();
                    Event.create().await();
                    return "never";
                });
                Event waiterReady = Event.create();
                Task<String> waiter = g.spawn("waiter", () -> {
                    innerWaits.await();
                    waiterReady.set(); // no blocking point between here and the wait inside waitFor
                    return Tasks.waitFor(inner, Duration.ofMinutes(5));
                });
                waiterReady.await();
                waiter.cancel("stop");
                assertThatThrownBy(waiter::join).isInstanceOf(CancelledException.class);
                assertThat(inner.isCancelRequested()).isTrue();
                assertThat(inner.state()).as("ended before the waiter did").isEqualTo(TaskState.CANCELLED);
                return null;
            });
            return null;
        });
    }

    @Test
    void aCallerCancelledWhileTheTimedOutTaskCleansUpIsCancelledOnceTheTaskEnded() {
        List<String> events = new CopyOnWriteArrayList<>();
        Gyre.run(() -> TaskGroup.run(g -> {
            CountDownLatch cleaning = new CountDownLatch(1);
            CountDownLatch finishCleanup = new CountDownLatch(1);
            Task<Void> slow = g.spawn("slow", () -> {
                try {
                    Event.create().await();
                } catch (CancelledException e) {
                    cleaning.countDown();
                    finishCleanup.await();
                    events.add("slow cleaned up");
                    throw e;
                }
            });
            Task<Void> caller = g.spawn("caller", () -> {
                try {
                    Tasks.waitFor(slow, SHORT);
                    events.add("waitFor returned");
                } catch (CancelledException e) {
                    events.add("caller cancelled: " + e.reason());
                    throw e;
                } catch (DeadlineExceededException e) {
                    events.add("timeout seen");
                }
            });
            cleaning.await();
            caller.cancel("caller stop");
            finishCleanup.countDown();
            assertThatThrownBy(caller::join).isInstanceOf(CancelledException.class);
            return null;
        }));
        assertThat(events).containsExactly("slow cleaned up", "caller cancelled: caller stop");
    }
}
