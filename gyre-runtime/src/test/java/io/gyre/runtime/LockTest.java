package io.gyre.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

@org.junit.jupiter.api.Timeout(20)
class LockTest {

    @Test
    void waitersGetTheLockInArrivalOrder() {
        List<String> order = Gyre.run(() -> {
            Lock lock = Lock.create("fifo");
            List<String> got = new CopyOnWriteArrayList<>();
            TaskGroup.run(g -> {
                Held held = lock.acquire();
                for (int i = 0; i < 3; i++) {
                    String name = "w" + i;
                    g.spawn(name, () -> {
                        try (Held _ = lock.acquire()) {
                            got.add(name);
                        }
                    });
                    int queued = i + 1;
                    Until.holds(queued + " waiters", () -> lock.statistics().waiting() == queued);
                }
                held.close();
                return null;
            });
            return got;
        });
        assertThat(order).containsExactly("w0", "w1", "w2");
    }

    @Test
    void aWaiterCancelledJustAfterTheHandoffPassesTheLockOn() {
        Gyre.run(() -> {
            Lock lock = Lock.create("race");
            TaskGroup.run(g -> {
                lock.acquire();
                Task<String> first = g.spawn("first", () -> {
                    try (Held _ = lock.acquire()) {
                        return "first got it";
                    }
                });
                Until.holds("first waits", () -> lock.statistics().waiting() == 1);
                Task<String> second = g.spawn("second", () -> {
                    try (Held _ = lock.acquire()) {
                        return "second got it";
                    }
                });
                Until.holds("second waits", () -> lock.statistics().waiting() == 2);
                ReentrantLock frozen = lock.mutex();
                frozen.lock();
                try {
                    lock.release(); // hands the lock to `first`...
                    first.cancel("cancelled right after the handoff"); // ...which is cancelled before it runs
                } finally {
                    frozen.unlock();
                }
                assertThat(second.join()).isEqualTo("second got it");
                assertThatThrownBy(first::join).isInstanceOf(CancelledException.class);
                assertThat(first.state()).isEqualTo(TaskState.CANCELLED);
                return null;
            });
            assertThat(lock.statistics()).isEqualTo(new Lock.Statistics(false, java.util.Optional.empty(), 0));
            return null;
        });
    }

    @Test
    void aCancelledWaiterLeavesTheLineWithoutTheLock() {
        Gyre.run(() -> {
            Lock lock = Lock.create("line");
            TaskGroup.run(g -> {
                Held held = lock.acquire();
                Task<Void> waiter = g.spawn("waiter", () -> {
                    lock.acquire();
                });
                Until.holds("waiter waits", () -> lock.statistics().waiting() == 1);
                waiter.cancel("gave up");
                assertThatThrownBy(waiter::join).isInstanceOf(CancelledException.class);
                assertThat(lock.statistics().waiting()).isZero();
                held.close();
                assertThat(lock.isLocked()).isFalse();
                return null;
            });
            return null;
        });
    }

    @Test
    void releasingAnUnlockedLockIsAnErrorThatSaysWhatToDo() {
        Gyre.run(() -> {
            Lock lock = Lock.create("accounts");
            assertThatThrownBy(lock::release).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Lock 'accounts' is not locked")
                    .hasMessageContaining("try (Held _ = lock.acquire())");
            return null;
        });
    }

    @Test
    void onlyTheHolderMayReleaseTheLock() {
        Gyre.run(() -> {
            Lock lock = Lock.create("owned");
            try (Held _ = lock.acquire()) {
                TaskGroup.run(g -> g.spawn("intruder", () -> {
                    assertThatThrownBy(lock::release).isInstanceOf(IllegalStateException.class)
                            .hasMessageContaining("is held by task '")
                            .hasMessageContaining("task 'intruder'");
                }).join());
                assertThat(lock.isHeldByCurrentTask()).isTrue();
            }
            return null;
        });
    }

    @Test
    void acquiringTwiceFromTheHolderIsAnErrorNotADeadlock() {
        Gyre.run(() -> {
            Lock lock = Lock.create("once");
            try (Held _ = lock.acquire()) {
                assertThatThrownBy(lock::acquire).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("not reentrant");
            }
            return null;
        });
    }

    @Test
    void acquiringALockWhoseHolderEndedWithoutReleasingItIsAnErrorNotAHang() {
        Gyre.run(() -> {
            Lock lock = Lock.create("accounts");
            AtomicReference<Thread> leaky = new AtomicReference<>();
            TaskGroup.run(g -> {
                g.spawn("leaky", () -> {
                    leaky.set(Thread.currentThread());
                    lock.acquire(); // never released: only this task could release it
                });
                return null;
            });
            leaky.get().join(); // the task has ended; wait until its thread has too
            assertThatThrownBy(() -> Timeout.failAfter(Duration.ofSeconds(5), t -> lock.acquire()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Lock 'accounts' is held by task 'leaky'")
                    .hasMessageContaining("ended without releasing it")
                    .hasMessageContaining("try (Held _ = lock.acquire())");
            assertThat(lock.statistics().waiting()).isZero();
            return null;
        });
    }

    @Test
    void tryAcquireNeverWaitsAndClosingTheHandleTwiceReleasesOnce() {
        Gyre.run(() -> {
            Lock lock = Lock.create();
            Held held = lock.acquire();
            TaskGroup.run(g -> g.spawn("other", () -> {
                assertThat(lock.tryAcquire()).isFalse();
            }).join());
            held.close();
            held.close();
            assertThat(lock.tryAcquire()).isTrue();
            lock.release();
            assertThat(lock.isLocked()).isFalse();
            return null;
        });
    }

    @Test
    void worksFromAPlainThread() throws Exception {
        Lock lock = Lock.create();
        Thread t = Thread.ofPlatform().start(() -> {
            try (Held _ = lock.acquire()) {
                assertThat(lock.isHeldByCurrentTask()).isTrue();
            }
        });
        t.join();
        assertThat(lock.isLocked()).isFalse();
    }

    @Test
    void aHolderThatReleasesAndComesStraightBackQueuesBehindTheWaiter() {
        List<String> order = Gyre.run(() -> {
            Lock lock = Lock.create("busy");
            List<String> got = new CopyOnWriteArrayList<>();
            TaskGroup.run(g -> {
                lock.acquire();
                g.spawn("waiter", () -> {
                    try (Held _ = lock.acquire()) {
                        got.add("waiter");
                    }
                });
                Until.holds("waiter waits", () -> lock.statistics().waiting() == 1);
                ReentrantLock frozen = lock.mutex(); // keeps the waiter from running (and releasing) meanwhile
                frozen.lock();
                try {
                    lock.release();
                    assertThat(lock.statistics().owner()).contains("task 'waiter'"); // handed over, not freed
                    assertThat(lock.tryAcquire()).isFalse();
                } finally {
                    frozen.unlock();
                }
                try (Held _ = lock.acquire()) {
                    got.add("holder again");
                }
                return null;
            });
            return got;
        });
        assertThat(order).containsExactly("waiter", "holder again");
    }
}
