package io.gyre.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

@org.junit.jupiter.api.Timeout(20)
class TaskQueueCapacityTest {

    @Test
    void putWaitsWhileTheQueueIsFull() {
        Gyre.run(() -> {
            TaskQueue<String> q = TaskQueue.fifo(1);
            TaskGroup.run(g -> {
                Task<Void> producer = g.spawn("producer", () -> {
                    q.put("a");
                    q.put("b");
                });
                Until.holds("producer blocks on the full queue", () -> q.statistics().waitingPutters() == 1);
                assertThat(q.tryPut("c")).isFalse();
                assertThat(q.size()).isEqualTo(1);
                assertThat(q.take()).isEqualTo("a");
                producer.join();
                assertThat(q.take()).isEqualTo("b");
                return null;
            });
            return null;
        });
    }

    @Test
    void anUnboundedQueueNeverMakesPutWait() {
        Gyre.run(() -> {
            TaskQueue<Integer> q = TaskQueue.fifo(0);
            for (int i = 0; i < 10_000; i++) {
                q.put(i);
            }
            assertThat(q.statistics().size()).isEqualTo(10_000);
            assertThat(q.capacity()).isZero();
            return null;
        });
    }

    @Test
    void waitingTakersAreServedInArrivalOrder() {
        List<String> got = Gyre.run(() -> {
            TaskQueue<Integer> q = TaskQueue.fifo(0);
            List<String> order = new CopyOnWriteArrayList<>();
            TaskGroup.run(g -> {
                for (int i = 0; i < 3; i++) {
                    String name = "t" + i;
                    g.spawn(name, () -> {
                        order.add(name + "=" + q.take());
                    });
                    int n = i + 1;
                    Until.holds(n + " takers", () -> q.statistics().waitingTakers() == n);
                }
                for (int i = 0; i < 3; i++) {
                    q.put(i);
                    int served = i + 1;
                    Until.holds(served + " served", () -> order.size() == served);
                }
                return null;
            });
            return order;
        });
        assertThat(got).containsExactly("t0=0", "t1=1", "t2=2");
    }
}
