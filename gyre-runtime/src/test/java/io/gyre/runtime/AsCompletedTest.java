package io.gyre.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

@org.junit.jupiter.api.Timeout(20)
class AsCompletedTest {

    @Test
    void tasksComeOutInTheOrderTheyEnd() {
        Gyre.run(() -> {
            TaskGroup.run(g -> {
                Event[] go = {Event.create(), Event.create(), Event.create()};
                Task<?>[] tasks = new Task<?>[3];
                for (int i = 0; i < 3; i++) {
                    Event mine = go[i];
                    tasks[i] = g.spawn("t" + i, () -> {
                        mine.await();
                        return null;
                    });
                }
                Iterator<Task<?>> it = Tasks.<Object>asCompleted(List.of(tasks)).iterator();
                for (int i : new int[] {2, 0, 1}) {
                    assertThat(it.hasNext()).isTrue();
                    go[i].set();
                    assertThat(it.next()).isSameAs(tasks[i]);
                }
                assertThat(it.hasNext()).isFalse();
                return null;
            });
            return null;
        });
    }

    @Test
    void aTimeoutEndsTheIterationWithoutCancellingTheTasks() {
        Gyre.run(() -> {
            Event release = Event.create();
            TaskGroup.run(g -> {
                Task<String> slow = g.spawn("slow", () -> {
                    release.await();
                    return "slow";
                });
                Iterator<Task<? extends String>> it = Tasks.asCompleted(List.of(slow), Duration.ofMillis(20)).iterator();
                assertThatThrownBy(it::next).isInstanceOf(DeadlineExceededException.class)
                        .hasMessageContaining("1 of 1 tasks had not ended");
                assertThat(slow.isCancelRequested()).isFalse();
                release.set();
                return null;
            });
            return null;
        });
    }

    @Test
    void theIterableCanBeIteratedOnlyOnce() {
        Gyre.run(() -> {
            TaskGroup.run(g -> {
                Iterable<Task<? extends String>> order = Tasks.asCompleted(List.of(g.spawn("a", () -> "a")));
                for (Task<? extends String> t : order) {
                    assertThat(t.join()).isEqualTo("a");
                }
                assertThatThrownBy(order::iterator).isInstanceOf(IllegalStateException.class);
                return null;
            });
            return null;
        });
    }
}
