package io.gyre.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

@org.junit.jupiter.api.Timeout(20)
class TaskQueueJoinTest {

    @Test
    void joinReturnsOnceEveryItemWasMarkedDone() {
        Gyre.run(() -> {
            TaskQueue<String> q = TaskQueue.fifo(0);
            q.put("a");
            q.put("b");
            TaskGroup.run(g -> {
                Task<Void> joiner = g.spawn("joiner", () -> q.join());
                q.take();
                q.taskDone();
                q.take();
                assertThat(q.statistics().unfinished()).isEqualTo(1);
                assertThat(joiner.isDone()).isFalse();
                q.taskDone();
                joiner.join();
                return null;
            });
            q.join(); // nothing unfinished: returns at once
            return null;
        });
    }

    @Test
    void callingTaskDoneTooOftenIsAnError() {
        Gyre.run(() -> {
            TaskQueue<String> q = TaskQueue.fifo(0);
            q.put("a");
            q.take();
            q.taskDone();
            assertThatThrownBy(q::taskDone).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("taskDone() was called by task '")
                    .hasMessageContaining("more times than items were put")
                    .hasMessageContaining("finally { queue.taskDone(); }");
            assertThat(q.statistics().unfinished()).isZero();
            return null;
        });
    }

    @Test
    void aCancelledJoinStopsWaiting() {
        Gyre.run(() -> {
            TaskQueue<String> q = TaskQueue.fifo(0);
            q.put("a");
            TaskGroup.run(g -> {
                Task<Void> joiner = g.spawn("joiner", () -> q.join());
                joiner.cancel("enough");
                assertThatThrownBy(joiner::join).isInstanceOf(CancelledException.class);
                return null;
            });
            return null;
        });
    }
}
