package io.gyre.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gyre.runtime.internal.QueueImpl;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

@org.junit.jupiter.api.Timeout(20)
class TaskQueueCancellationTest {

    private static ReentrantLock mutex(TaskQueue<?> q) {
        return ((QueueImpl<?>) q).mutex();
    }

    @Test
    void aCancelledTakerRemovesNoItem() {
        Gyre.run(() -> {
            TaskQueue<String> q = TaskQueue.fifo(0);
            TaskGroup.run(g -> {
                Task<String> taker = g.spawn("taker", q::take);
                Until.holds("taker waits", () -> q.statistics().waitingTakers() == 1);
                taker.cancel("gave up");
                assertThatThrownBy(taker::join).isInstanceOf(CancelledException.class);
                q.put("item");
                assertThat(q.tryTake()).contains("item");
                return null;
            });
            return null;
        });
    }

    @Test
    void aTakerCancelledJustAsAnItemArrivedLeavesItForTheNextTaker() {
        Gyre.run(() -> {
            TaskQueue<String> q = TaskQueue.fifo(0);
            TaskGroup.run(g -> {
                Task<String> first = g.spawn("first", q::take);
                Until.holds("first waits", () -> q.statistics().waitingTakers() == 1);
                Task<String> second = g.spawn("second", q::take);
                Until.holds("second waits", () -> q.statistics().waitingTakers() == 2);
                ReentrantLock frozen = mutex(q);
                frozen.lock();
                try {
                    q.put("item"); // reserved for `first`...
                    first.cancel("cancelled as the item arrived"); // ...which passes it on
                } finally {
                    frozen.unlock();
                }
                assertThat(second.join()).isEqualTo("item");
                assertThatThrownBy(first::join).isInstanceOf(CancelledException.class);
                return null;
            });
            assertThat(q.statistics().size()).isZero();
            return null;
        });
    }

    @Test
    void anItemReservedForACancelledTakerStaysInTheQueueWhenNobodyElseWaits() {
        Gyre.run(() -> {
            TaskQueue<String> q = TaskQueue.fifo(0);
            TaskGroup.run(g -> {
                Task<String> only = g.spawn("only", q::take);
                Until.holds("it waits", () -> q.statistics().waitingTakers() == 1);
                ReentrantLock frozen = mutex(q);
                frozen.lock();
                try {
                    q.put("item");
                    only.cancel("cancelled as the item arrived");
                } finally {
                    frozen.unlock();
                }
                assertThatThrownBy(only::join).isInstanceOf(CancelledException.class);
                assertThat(q.tryTake()).isEqualTo(Optional.of("item"));
                return null;
            });
            return null;
        });
    }

    @Test
    void aCancelledPutterInsertsNothing() {
        Gyre.run(() -> {
            TaskQueue<String> q = TaskQueue.fifo(1);
            q.put("first");
            TaskGroup.run(g -> {
                Task<Void> putter = g.spawn("putter", () -> q.put("never"));
                Until.holds("putter waits", () -> q.statistics().waitingPutters() == 1);
                putter.cancel("gave up");
                assertThatThrownBy(putter::join).isInstanceOf(CancelledException.class);
                return null;
            });
            assertThat(q.take()).isEqualTo("first");
            assertThat(q.tryTake()).isEmpty();
            assertThat(q.statistics().unfinished()).isEqualTo(1);
            return null;
        });
    }

    @Test
    void aPutterCancelledJustAsRoomAppearedPassesTheRoomOnAndInsertsNothing() {
        Gyre.run(() -> {
            TaskQueue<String> q = TaskQueue.fifo(1);
            q.put("first");
            TaskGroup.run(g -> {
                Task<Void> cancelled = g.spawn("cancelled", () -> q.put("never"));
                Until.holds("it waits", () -> q.statistics().waitingPutters() == 1);
                Task<Void> next = g.spawn("next", () -> q.put("second"));
                Until.holds("next waits", () -> q.statistics().waitingPutters() == 2);
                ReentrantLock frozen = mutex(q);
                frozen.lock();
                try {
                    assertThat(q.take()).isEqualTo("first"); // the free slot is reserved for `cancelled`...
                    cancelled.cancel("cancelled as room appeared"); // ...which passes it on
                } finally {
                    frozen.unlock();
                }
                next.join();
                assertThatThrownBy(cancelled::join).isInstanceOf(CancelledException.class);
                return null;
            });
            assertThat(q.tryTake()).contains("second");
            assertThat(q.tryTake()).isEmpty();
            return null;
        });
    }
}
