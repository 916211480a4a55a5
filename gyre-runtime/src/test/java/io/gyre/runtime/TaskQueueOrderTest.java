package io.gyre.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TaskQueueOrderTest {

    private static List<Integer> drain(TaskQueue<Integer> q, int... items) {
        for (int i : items) {
            assertThat(q.tryPut(i)).isTrue();
        }
        List<Integer> out = new ArrayList<>();
        for (Optional<Integer> next = q.tryTake(); next.isPresent(); next = q.tryTake()) {
            out.add(next.get());
        }
        return out;
    }

    @Test
    void fifoGivesItemsOutInInsertionOrder() {
        assertThat(drain(TaskQueue.fifo(0), 3, 1, 2)).containsExactly(3, 1, 2);
    }

    @Test
    void lifoGivesTheNewestItemFirst() {
        assertThat(drain(TaskQueue.lifo(0), 3, 1, 2)).containsExactly(2, 1, 3);
    }

    @Test
    void priorityGivesTheSmallestItemFirst() {
        assertThat(drain(TaskQueue.priority(0), 3, 1, 2)).containsExactly(1, 2, 3);
        assertThat(drain(TaskQueue.priority(0, Comparator.reverseOrder()), 3, 1, 2)).containsExactly(3, 2, 1);
    }

    @Test
    void blockingTakeFollowsTheOrderToo() {
        List<Integer> got = Gyre.run(() -> {
            TaskQueue<Integer> q = TaskQueue.lifo(0);
            q.put(1);
            q.put(2);
            return List.of(q.take(), q.take());
        });
        assertThat(got).containsExactly(2, 1);
    }

    @Test
    void badArgumentsAreRejected() {
        assertThatThrownBy(() -> TaskQueue.fifo(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("capacity < 0: -1");
        assertThatThrownBy(() -> TaskQueue.<String>fifo(1).tryPut(null)).isInstanceOf(NullPointerException.class);
    }
}
