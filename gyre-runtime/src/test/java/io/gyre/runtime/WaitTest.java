package io.gyre.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gyre.runtime.Tasks.ReturnWhen;
import io.gyre.runtime.Tasks.WaitResult;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

@org.junit.jupiter.api.Timeout(20)
class WaitTest {

    @Test
    void firstCompletedReturnsOnceOneTaskEndedAndCancelsNothing() {
        Gyre.run(() -> {
            Event release = Event.create();
            TaskGroup.run(g -> {
                Task<String> quick = g.spawn("quick", () -> "quick");
                Task<String> slow = g.spawn("slow", () -> {
                    release.await();
                    return "slow";
                });
                WaitResult<String> r = Tasks.wait(List.of(quick, slow), ReturnWhen.FIRST_COMPLETED);
                assertThat(r.done()).containsExactly(quick);
                assertThat(r.pending()).containsExactly(slow);
                assertThat(slow.isCancelRequested()).isFalse();
                release.set();
                assertThat(slow.join()).isEqualTo("slow");
                return null;
            });
            return null;
        });
    }

    @Test
    void firstFailureReturnsOnTheFirstFailureButNotOnACancellation() {
        Gyre.run(() -> {
            Event fail = Event.create();
            Event release = Event.create();
            Supervisor.run("expects-failure", (t, f) -> { }, s -> {
                Task<Object> cancelled = s.spawn("cancelled", () -> {
                    release.await();
                    return null;
                });
                Task<Object> failing = s.spawn("failing", () -> {
                    fail.await();
                    throw new IllegalStateException("boom");
                });
                Task<Object> slow = s.spawn("slow", () -> {
                    release.await();
                    return "slow";
                });
                cancelled.cancel("not a failure");
                cancelled.await(Duration.ofSeconds(10));
                WaitResult<Object> none = Tasks.wait(List.of(cancelled, failing, slow), ReturnWhen.FIRST_FAILURE,
                        Duration.ZERO);
                assertThat(none.done()).containsExactly(cancelled);
                fail.set();
                WaitResult<Object> r = Tasks.wait(List.of(cancelled, failing, slow), ReturnWhen.FIRST_FAILURE);
                assertThat(r.done()).containsExactly(cancelled, failing);
                assertThat(r.pending()).containsExactly(slow);
                release.set();
                return null;
            });
            return null;
        });
    }

    @Test
    void allCompletedWaitsForEveryTask() {
        Gyre.run(() -> {
            TaskGroup.run(g -> {
                Event go = Event.create();
                Task<Integer> a = g.spawn("a", () -> 1);
                Task<Integer> b = g.spawn("b", () -> {
                    go.await();
                    return 2;
                });
                go.set();
                WaitResult<Integer> r = Tasks.wait(List.of(a, b), ReturnWhen.ALL_COMPLETED);
                assertThat(r.done()).containsExactly(a, b);
                assertThat(r.pending()).isEmpty();
                return null;
            });
            return null;
        });
    }

    @Test
    void aTimeoutReturnsThePendingTasksWithoutThrowingOrCancelling() {
        Gyre.run(() -> {
            Event release = Event.create();
            TaskGroup.run(g -> {
                Task<String> slow = g.spawn("slow", () -> {
                    release.await();
                    return "slow";
                });
                WaitResult<String> r = Tasks.wait(List.of(slow), ReturnWhen.ALL_COMPLETED, Duration.ofMillis(20));
                assertThat(r.done()).isEmpty();
                assertThat(r.pending()).containsExactly(slow);
                assertThat(slow.isCancelRequested()).isFalse();
                release.set();
                return null;
            });
            return null;
        });
    }

    @Test
    void emptyInputSelfAndNegativeTimeoutsAreRejected() {
        Gyre.run(() -> {
            assertThatThrownBy(() -> Tasks.wait(List.<Task<String>>of(), ReturnWhen.ALL_COMPLETED))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one task");
            Task<?> me = Task.current().orElseThrow();
            assertThatThrownBy(() -> Tasks.wait(List.of(me), ReturnWhen.FIRST_COMPLETED))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("passed itself");
            TaskGroup.run(g -> {
                Task<String> t = g.spawn("t", () -> "t");
                assertThatThrownBy(() -> Tasks.wait(List.of(t), ReturnWhen.FIRST_COMPLETED, Duration.ofMillis(-1)))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout < 0");
                return null;
            });
            return null;
        });
    }
}
