package io.gyre.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

@org.junit.jupiter.api.Timeout(20)
class ConditionTest {

    @Test
    void waitingOrSignallingWithoutTheLockIsAnError() {
        Gyre.run(() -> {
            Condition c = Condition.create(Lock.create("jobs"));
            assertThatThrownBy(c::await).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("lock 'jobs'").hasMessageContaining("without holding the lock")
                    .hasMessageContaining("condition.acquire()");
            assertThatThrownBy(c::signal).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("signal()");
            assertThatThrownBy(c::signalAll).isInstanceOf(IllegalStateException.class);
            return null;
        });
    }

    @Test
    void signalWakesTheLongestWaiterWhichHoldsTheLockAgain() {
        List<String> woken = Gyre.run(() -> {
            Condition c = Condition.create();
            List<String> order = new CopyOnWriteArrayList<>();
            TaskGroup.run(g -> {
                for (int i = 0; i < 2; i++) {
                    String name = "w" + i;
                    g.spawn(name, () -> {
                        try (Held _ = c.acquire()) {
                            c.await();
                            assertThat(c.lock().isHeldByCurrentTask()).isTrue();
                            order.add(name);
                        }
                    });
                    int n = i + 1;
                    Until.holds(n + " waiting", () -> c.statistics().waiting() == n);
                }
                for (int i = 0; i < 2; i++) {
                    try (Held _ = c.acquire()) {
                        c.signal();
                    }
                    // wait until the woken one holds the lock again and recorded itself: leaving the
                    // wait queue happens at signal(), before it gets the lock back
                    int woke = i + 1;
                    Until.holds(woke + " woke", () -> order.size() == woke);
                }
                return null;
            });
            return order;
        });
        assertThat(woken).containsExactly("w0", "w1");
    }

    @Test
    void awaitUntilRechecksThePredicateAfterEachSignal() {
        String got = Gyre.run(() -> {
            Condition c = Condition.create();
            ArrayDeque<String> jobs = new ArrayDeque<>();
            return TaskGroup.run(g -> {
                Task<String> consumer = g.spawn("consumer", () -> {
                    try (Held _ = c.acquire()) {
                        c.awaitUntil(() -> !jobs.isEmpty());
                        return jobs.removeFirst();
                    }
                });
                Until.holds("consumer waits", () -> c.statistics().waiting() == 1);
                try (Held _ = c.acquire()) {
                    c.signalAll(); // nothing there yet: it must wait again
                }
                Until.holds("consumer waits again", () -> c.statistics().waiting() == 1);
                try (Held _ = c.acquire()) {
                    jobs.add("job");
                    c.signalAll();
                }
                return consumer.join();
            });
        });
        assertThat(got).isEqualTo("job");
    }

    @Test
    void aCancelledWaitStillReacquiresTheLockBeforeThrowing() {
        Gyre.run(() -> {
            Condition c = Condition.create();
            AtomicBoolean heldWhenCancelled = new AtomicBoolean();
            TaskGroup.run(g -> {
                Held mine = null;
                Task<Void> waiter = g.spawn("waiter", () -> {
                    try (Held _ = c.acquire()) {
                        try {
                            c.await();
                        } catch (CancelledException e) {
                            heldWhenCancelled.set(c.lock().isHeldByCurrentTask());
                            throw e;
                        }
                    }
                });
                Until.holds("waiter waits", () -> c.statistics().waiting() == 1);
                mine = c.acquire(); // the waiter must queue for the lock after being cancelled
                waiter.cancel("stop");
                Until.holds("waiter queues for the lock", () -> c.lock().statistics().waiting() == 1);
                assertThat(waiter.isDone()).isFalse();
                mine.close();
                assertThatThrownBy(waiter::join).isInstanceOf(CancelledException.class);
                return null;
            });
            assertThat(heldWhenCancelled).isTrue();
            assertThat(c.lock().isLocked()).isFalse();
            return null;
        });
    }

    @Test
    void aWaiterCancelledJustAfterBeingSignalledPassesTheSignalOn() {
        Gyre.run(() -> {
            Condition c = Condition.create();
            TaskGroup.run(g -> {
                Task<String> first = g.spawn("first", () -> {
                    try (Held _ = c.acquire()) {
                        c.await();
                        return "first";
                    }
                });
                Until.holds("first waits", () -> c.statistics().waiting() == 1);
                Task<String> second = g.spawn("second", () -> {
                    try (Held _ = c.acquire()) {
                        c.await();
                        return "second";
                    }
                });
                Until.holds("second waits", () -> c.statistics().waiting() == 2);
                try (Held _ = c.acquire()) {
                    ReentrantLock frozen = c.mutex();
                    frozen.lock();
                    try {
                        c.signal(); // wakes `first`...
                        first.cancel("cancelled right after the signal"); // ...which passes it on
                    } finally {
                        frozen.unlock();
                    }
                }
                assertThat(second.join()).isEqualTo("second");
                assertThatThrownBy(first::join).isInstanceOf(CancelledException.class);
                return null;
            });
            assertThat(c.statistics()).isEqualTo(new Condition.Statistics(0, false));
            return null;
        });
    }

    @Test
    void aWaiterCancelledWhileTakingTheLockBackThrowsWithTheLockHeldAndPassesTheSignalOn() {
        Gyre.run(() -> {
            Condition c = Condition.create();
            AtomicBoolean heldWhenCancelled = new AtomicBoolean();
            TaskGroup.run(g -> {
                Task<String> first = g.spawn("first", () -> {
                    try (Held _ = c.acquire()) {
                        try {
                            c.await();
                        } catch (CancelledException e) {
                            heldWhenCancelled.set(c.lock().isHeldByCurrentTask());
                            throw e;
                        }
                        return "first returned from await() although it was cancelled in it";
                    }
                });
                Until.holds("first waits", () -> c.statistics().waiting() == 1);
                Task<String> second = g.spawn("second", () -> {
                    try (Held _ = c.acquire()) {
                        c.await();
                        return "second";
                    }
                });
                Until.holds("second waits", () -> c.statistics().waiting() == 2);
                Held mine = c.acquire();
                c.signal(); // wakes `first`, which now queues for the lock we hold...
                Until.holds("first queues for the lock", () -> c.lock().statistics().waiting() == 1);
                first.cancel("stop"); // ...and is cancelled there, as asyncio's wait() would be
                mine.close();
                assertThatThrownBy(first::join).isInstanceOf(CancelledException.class);
                assertThat(heldWhenCancelled).isTrue();
                Until.holds("the signal went on to second", () -> c.statistics().waiting() == 0);
                assertThat(second.join()).isEqualTo("second");
                return null;
            });
            assertThat(c.statistics()).isEqualTo(new Condition.Statistics(0, false));
            return null;
        });
    }

    @Test
    void aTimedWaitReturnsFalseWithTheLockHeld() {
        Gyre.run(() -> {
            Condition c = Condition.create();
            try (Held _ = c.acquire()) {
                assertThat(c.await(Duration.ofMillis(1))).isFalse();
                assertThat(c.lock().isHeldByCurrentTask()).isTrue();
            }
            return null;
        });
    }
}
