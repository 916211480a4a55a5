package io.gyre.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

@org.junit.jupiter.api.Timeout(20)
class TaskQueueShutdownTest {

    @Test
    void afterShutdownPutFailsAndTakeDrainsThenFails() {
        Gyre.run(() -> {
            TaskQueue<String> q = TaskQueue.fifo(0);
            q.put("a");
            q.put("b");
            q.shutdown();
            assertThat(q.isShutDown()).isTrue();
            assertThatThrownBy(() -> q.put("c")).isInstanceOf(QueueShutDownException.class)
                    .hasMessageContaining("was shut down by task '").hasMessageContaining("called put()");
            assertThatThrownBy(() -> q.tryPut("c")).isInstanceOf(QueueShutDownException.class);
            assertThat(q.take()).isEqualTo("a");
            assertThat(q.tryTake()).contains("b");
            assertThatThrownBy(q::take).isInstanceOf(QueueShutDownException.class)
                    .hasMessageContaining("and is empty");
            assertThatThrownBy(q::tryTake).isInstanceOf(QueueShutDownException.class);
            return null;
        });
    }

    @Test
    void shutdownWakesWaitingTakersAndPutters() {
        Gyre.run(() -> {
            TaskQueue<String> empty = TaskQueue.fifo(1);
            TaskQueue<String> full = TaskQueue.fifo(1);
            full.put("x");
            Supervisor.run("expects-shutdown", (t, f) -> { }, s -> {
                Task<String> taker = s.spawn("taker", empty::take);
                Task<Void> putter = s.spawn("putter", () -> full.put("y"));
                Until.holds("both wait", () -> empty.statistics().waitingTakers() == 1
                        && full.statistics().waitingPutters() == 1);
                empty.shutdown();
                full.shutdown();
                assertThatThrownBy(taker::join).hasCauseInstanceOf(QueueShutDownException.class);
                assertThatThrownBy(putter::join).hasCauseInstanceOf(QueueShutDownException.class);
                return null;
            });
            assertThat(full.take()).isEqualTo("x"); // the putter inserted nothing; the old item drains
            return null;
        });
    }

    @Test
    void immediateShutdownDiscardsItemsAndReleasesJoin() {
        Gyre.run(() -> {
            TaskQueue<String> q = TaskQueue.fifo(0);
            q.put("a");
            q.put("b");
            q.put("c");
            assertThat(q.take()).isEqualTo("a"); // taken, not yet done: stays unfinished
            TaskGroup.run(g -> {
                Task<Void> joiner = g.spawn("joiner", () -> q.join());
                q.shutdown(true);
                assertThat(q.statistics().size()).isZero();
                assertThat(q.statistics().unfinished()).isEqualTo(1);
                assertThat(joiner.isDone()).isFalse();
                q.taskDone();
                joiner.join();
                return null;
            });
            assertThatThrownBy(q::take).isInstanceOf(QueueShutDownException.class)
                    .hasMessageContaining("shut down immediately");
            return null;
        });
    }
}
