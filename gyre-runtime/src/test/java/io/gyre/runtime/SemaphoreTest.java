package io.gyre.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

@org.junit.jupiter.api.Timeout(20)
class SemaphoreTest {

    @Test
    void permitsGoToWaitersInArrivalOrder() {
        List<String> order = Gyre.run(() -> {
            Semaphore s = Semaphore.create(1);
            List<String> got = new CopyOnWriteArrayList<>();
            TaskGroup.run(g -> {
                Held first = s.acquire();
                for (int i = 0; i < 3; i++) {
                    String name = "w" + i;
                    g.spawn(name, () -> {
                        try (Held _ = s.acquire()) {
                            got.add(name);
                        }
                    });
                    int n = i + 1;
                    Until.holds(n + " waiting", () -> s.statistics().waiting() == n);
                }
                assertThat(s.tryAcquire()).isFalse();
                first.close();
                return null;
            });
            assertThat(s.available()).isEqualTo(1);
            return got;
        });
        assertThat(order).containsExactly("w0", "w1", "w2");
    }

    @Test
    void aWaiterCancelledJustAfterGettingAPermitPassesItOn() {
        Gyre.run(() -> {
            Semaphore s = Semaphore.create(0);
            TaskGroup.run(g -> {
                Task<String> first = g.spawn("first", () -> {
                    try (Held _ = s.acquire()) {
                        return "first";
                    }
                });
                Until.holds("first waits", () -> s.statistics().waiting() == 1);
                Task<String> second = g.spawn("second", () -> {
                    try (Held _ = s.acquire()) {
                        return "second";
                    }
                });
                Until.holds("second waits", () -> s.statistics().waiting() == 2);
                ReentrantLock frozen = s.permits().mutex();
                frozen.lock();
                try {
                    s.release();
                    first.cancel("cancelled right after the handoff");
                } finally {
                    frozen.unlock();
                }
                assertThat(second.join()).isEqualTo("second");
                assertThatThrownBy(first::join).isInstanceOf(CancelledException.class);
                return null;
            });
            assertThat(s.statistics()).isEqualTo(new Semaphore.Statistics(1, 0));
            return null;
        });
    }

    @Test
    void aPlainSemaphoreMayBeReleasedBeyondItsInitialPermits() {
        Semaphore s = Semaphore.create(0);
        s.release();
        s.release();
        assertThat(s.available()).isEqualTo(2);
        assertThatThrownBy(() -> Semaphore.create(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aReleasedPermitGoesToTheWaiterNotToTheReleaserComingBack() {
        List<String> order = Gyre.run(() -> {
            BoundedSemaphore s = BoundedSemaphore.create(1);
            List<String> got = new CopyOnWriteArrayList<>();
            TaskGroup.run(g -> {
                Held mine = s.acquire();
                g.spawn("waiter", () -> {
                    try (Held _ = s.acquire()) {
                        got.add("waiter");
                    }
                });
                Until.holds("waiter waits", () -> s.statistics().waiting() == 1);
                ReentrantLock frozen = s.permits().mutex(); // keeps the waiter from running meanwhile
                frozen.lock();
                try {
                    mine.close();
                    assertThat(s.statistics()).isEqualTo(new BoundedSemaphore.Statistics(0, 0)); // handed over
                    assertThat(s.tryAcquire()).isFalse();
                } finally {
                    frozen.unlock();
                }
                try (Held _ = s.acquire()) {
                    got.add("releaser again");
                }
                return null;
            });
            assertThat(s.available()).isEqualTo(1);
            return got;
        });
        assertThat(order).containsExactly("waiter", "releaser again");
    }
}
