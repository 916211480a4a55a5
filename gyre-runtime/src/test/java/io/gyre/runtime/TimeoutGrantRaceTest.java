package io.gyre.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.gyre.runtime.internal.QueueImpl;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

/**
 * A timeout that expires just as a primitive hands something to the waiter: nothing leaks.
 *
 * <p>Each test freezes the primitive's mutex, moves the waiter's deadline to now, waits until the
 * timed-out waiter queues for that mutex (its deadline passed before the hand-over), makes the
 * hand-over, and only then lets the waiter run.
 */
@org.junit.jupiter.api.Timeout(20)
class TimeoutGrantRaceTest {
    private static final Duration LONG = Duration.ofMinutes(5);

    /** Expires {@code deadline} with {@code mutex} frozen, then runs {@code handOver} once the waiter queues for it. */
    private static void handOverAfterTheDeadline(ReentrantLock mutex, AtomicReference<Timeout> deadline,
            Runnable handOver) {
        mutex.lock();
        try {
            deadline.get().reschedule(Duration.ZERO);
            Until.holds("the timed-out waiter wants the mutex back", mutex::hasQueuedThreads);
            handOver.run();
        } finally {
            mutex.unlock();
        }
    }

    @Test
    void aTimeoutThatExpiresAsTheLockIsHandedOverPassesTheLockOn() {
        AtomicReference<Timeout> deadline = new AtomicReference<>();
        Gyre.run(() -> {
            Lock lock = Lock.create("race");
            TaskGroup.run(g -> {
                lock.acquire();
                Task<Boolean> timed = g.spawn("timed", () -> Timeout.moveOnAfter(LONG, t -> {
                    deadline.set(t);
                    return lock.acquire();
                })
                        .map(held -> {
                            held.close();
                            return true;
                        }).orElse(false));
                Until.holds("timed waits", () -> deadline.get() != null && lock.statistics().waiting() == 1);
                handOverAfterTheDeadline(lock.mutex(), deadline, lock::release);
                assertThat(timed.join()).isFalse();
                return null;
            });
            assertThat(lock.statistics()).isEqualTo(new Lock.Statistics(false, Optional.empty(), 0));
            assertThat(lock.tryAcquire()).isTrue();
            lock.release();
            return null;
        });
    }

    @Test
    void aTimeoutThatExpiresAsAPermitIsHandedOverPassesThePermitOn() {
        AtomicReference<Timeout> deadline = new AtomicReference<>();
        Gyre.run(() -> {
            BoundedSemaphore s = BoundedSemaphore.create(1);
            TaskGroup.run(g -> {
                s.acquire();
                Task<Boolean> timed = g.spawn("timed", () -> Timeout.moveOnAfter(LONG, t -> {
                    deadline.set(t);
                    return s.acquire();
                })
                        .map(held -> {
                            held.close();
                            return true;
                        }).orElse(false));
                Until.holds("timed waits", () -> deadline.get() != null && s.statistics().waiting() == 1);
                handOverAfterTheDeadline(s.permits().mutex(), deadline, s::release);
                assertThat(timed.join()).isFalse();
                return null;
            });
            assertThat(s.statistics()).isEqualTo(new BoundedSemaphore.Statistics(1, 0));
            return null;
        });
    }

    @Test
    void aTimeoutThatExpiresAsAnItemArrivesLeavesTheItemInTheQueue() {
        AtomicReference<Timeout> deadline = new AtomicReference<>();
        Gyre.run(() -> {
            TaskQueue<String> q = TaskQueue.fifo(1);
            TaskGroup.run(g -> {
                Task<Optional<String>> timed = g.spawn("timed", () -> Timeout.moveOnAfter(LONG, t -> {
                    deadline.set(t);
                    return q.take();
                }));
                Until.holds("timed waits", () -> deadline.get() != null && q.statistics().waitingTakers() == 1);
                handOverAfterTheDeadline(((QueueImpl<String>) q).mutex(), deadline,
                        () -> q.put("x"));
                assertThat(timed.join()).isEmpty();
                return null;
            });
            assertThat(q.tryTake()).contains("x");
            return null;
        });
    }

    @Test
    void aTimeoutThatExpiresAsRoomAppearsInsertsNothingAndLeavesTheRoom() {
        AtomicReference<Timeout> deadline = new AtomicReference<>();
        Gyre.run(() -> {
            TaskQueue<String> q = TaskQueue.fifo(1);
            q.put("old");
            TaskGroup.run(g -> {
                Task<Boolean> timed = g.spawn("timed", () -> Timeout.moveOnAfter(LONG, t -> {
                    deadline.set(t);
                    q.put("late");
                    return true;
                }).orElse(false));
                Until.holds("timed waits", () -> deadline.get() != null && q.statistics().waitingPutters() == 1);
                handOverAfterTheDeadline(((QueueImpl<String>) q).mutex(), deadline,
                        q::take);
                assertThat(timed.join()).isFalse();
                return null;
            });
            assertThat(q.size()).isZero();
            assertThat(q.tryPut("next")).isTrue();
            return null;
        });
    }

    @Test
    void aTimedConditionWaitThatExpiresAsItIsSignalledReportsTheSignal() {
        Gyre.run(() -> {
            Condition ready = Condition.create(Lock.create("ready"));
            // The wait's deadline is internal: if the test is too slow to freeze the condition before
            // it passes, that attempt missed the interleaving and is repeated.
            for (int attempt = 0; attempt < 20; attempt++) {
                Optional<Boolean> raced = TaskGroup.run(g -> {
                    Task<Boolean> timed = g.spawn("timed", () -> {
                        try (Held _ = ready.acquire()) {
                            boolean signalled = ready.await(Duration.ofMillis(200));
                            assertThat(ready.lock().isHeldByCurrentTask()).isTrue();
                            return signalled;
                        }
                    });
                    Until.holds("timed waits", () -> ready.statistics().waiting() == 1);
                    boolean caught;
                    try (Held _ = ready.acquire()) {
                        ReentrantLock frozen = ready.mutex();
                        frozen.lock();
                        try {
                            caught = ready.statistics().waiting() == 1;
                            if (caught) {
                                Until.holds("the timed-out waiter wants the mutex back", frozen::hasQueuedThreads);
                                ready.signal();
                            }
                        } finally {
                            frozen.unlock();
                        }
                    }
                    boolean signalled = timed.join();
                    return caught ? Optional.of(signalled) : Optional.<Boolean>empty();
                });
                if (raced.isPresent()) {
                    assertThat(raced.get()).as("a signal that met the deadline is reported, not lost").isTrue();
                    assertThat(ready.statistics()).isEqualTo(new Condition.Statistics(0, false));
                    return null;
                }
            }
            throw new AssertionError("never froze the condition before the wait's deadline");
        });
    }
}
