package io.gyre.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gyre.runtime.internal.QueueImpl;
import java.util.concurrent.locks.ReentrantLock;
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

    @Test
    void aTakerHandedAnItemJustBeforeAnImmediateShutdownGetsShutDownAndJoinStillReturns() {
        Gyre.run(() -> {
            TaskQueue<String> q = TaskQueue.fifo(1);
            Supervisor.run("expects-shutdown", (t, f) -> { }, s -> {
                Task<String> taker = s.spawn("taker", q::take);
                Until.holds("taker waits", () -> q.statistics().waitingTakers() == 1);
                ReentrantLock frozen = ((QueueImpl<String>) q).mutex();
                frozen.lock();
                try {
                    q.put("x"); // reserved for the taker, which cannot run yet
                    q.shutdown(true); // discards it
                } finally {
                    frozen.unlock();
                }
                assertThatThrownBy(taker::join).hasCauseInstanceOf(QueueShutDownException.class);
                return null;
            });
            assertThat(q.statistics()).isEqualTo(new TaskQueue.Statistics(TaskQueue.Order.FIFO, 0, 1, 0, 0, 0, true));
            q.join(); // the discarded item counts as done
            assertThatThrownBy(q::taskDone).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("more times than items were put");
            return null;
        });
    }

    @Test
    void aPutterHandedRoomJustBeforeShutdownInsertsNothing() {
        Gyre.run(() -> {
            TaskQueue<String> q = TaskQueue.fifo(1);
            q.put("old");
            Supervisor.run("expects-shutdown", (t, f) -> { }, s -> {
                Task<Void> putter = s.spawn("putter", () -> q.put("late"));
                Until.holds("putter waits", () -> q.statistics().waitingPutters() == 1);
                ReentrantLock frozen = ((QueueImpl<String>) q).mutex();
                frozen.lock();
                try {
                    assertThat(q.take()).isEqualTo("old"); // room reserved for the putter, which cannot run yet
                    q.shutdown();
                } finally {
                    frozen.unlock();
                }
                assertThatThrownBy(putter::join).hasCauseInstanceOf(QueueShutDownException.class);
                return null;
            });
            assertThat(q.size()).isZero();
            assertThat(q.statistics().unfinished()).isEqualTo(1); // "old" was taken but not marked done
            q.taskDone();
            q.join();
            return null;
        });
    }
}
