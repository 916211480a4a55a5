package io.gyre.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

@org.junit.jupiter.api.Timeout(20)
class BarrierTest {

    @Test
    void aRoundEndsWhenEveryPartyArrivedAndTheBarrierIsReusable() {
        Gyre.run(() -> {
            Barrier b = Barrier.create(3);
            for (int round = 0; round < 2; round++) {
                List<Integer> indices = TaskGroup.run(g -> {
                    Task<Integer> x = g.spawn("x", b::await);
                    Until.holds("x arrived", () -> b.statistics().waiting() == 1);
                    Task<Integer> y = g.spawn("y", b::await);
                    Until.holds("y arrived", () -> b.statistics().waiting() == 2);
                    int last = b.await();
                    return List.of(x.join(), y.join(), last);
                });
                assertThat(indices).containsExactly(0, 1, 2);
                assertThat(b.statistics().waiting()).isZero();
            }
            return null;
        });
    }

    @Test
    void abortBreaksTheWaitersAndLaterCallersUntilReset() {
        Gyre.run(() -> {
            Barrier b = Barrier.create(3);
            Supervisor.run("expects-broken", (t, f) -> { }, g -> {
                Task<Integer> x = g.spawn("x", b::await);
                Task<Integer> y = g.spawn("y", b::await);
                Until.holds("two arrived", () -> b.statistics().waiting() == 2);
                b.abort();
                assertThatThrownBy(x::join).isInstanceOf(TaskFailedException.class)
                        .hasCauseInstanceOf(BrokenBarrierException.class);
                assertThatThrownBy(y::join).hasCauseInstanceOf(BrokenBarrierException.class);
                return null;
            });
            assertThat(b.isBroken()).isTrue();
            assertThatThrownBy(b::await).isInstanceOf(BrokenBarrierException.class)
                    .hasMessageContaining("aborted by task").hasMessageContaining("reset()");
            b.reset();
            assertThat(b.statistics()).isEqualTo(new Barrier.Statistics(3, 0, false));
            return null;
        });
    }

    @Test
    void resetBreaksOnlyTheCurrentWaiters() {
        Gyre.run(() -> {
            Barrier b = Barrier.create(2);
            Supervisor.run("expects-broken", (t, f) -> { }, g -> {
                Task<Integer> x = g.spawn("x", b::await);
                Until.holds("x arrived", () -> b.statistics().waiting() == 1);
                b.reset();
                assertThatThrownBy(x::join).hasCauseInstanceOf(BrokenBarrierException.class);
                Task<Integer> y = g.spawn("y", b::await);
                Until.holds("y arrived", () -> b.statistics().waiting() == 1);
                assertThat(b.await()).isEqualTo(1);
                assertThat(y.join()).isZero();
                return null;
            });
            return null;
        });
    }

    @Test
    void aPartyCancelledWhileWaitingBreaksTheBarrierForTheOthersUntilReset() {
        Gyre.run(() -> {
            Barrier b = Barrier.create(3);
            Supervisor.run("expects-broken", (t, f) -> { }, g -> {
                Task<Integer> stayer = g.spawn("stayer", b::await);
                Until.holds("stayer arrived", () -> b.statistics().waiting() == 1);
                Task<Integer> quitter = g.spawn("quitter", b::await);
                Until.holds("quitter arrived", () -> b.statistics().waiting() == 2);
                quitter.cancel("not coming");
                assertThatThrownBy(quitter::join).isInstanceOf(CancelledException.class);
                assertThatThrownBy(stayer::join).isInstanceOf(TaskFailedException.class)
                        .cause().isInstanceOf(BrokenBarrierException.class)
                        .hasMessageContaining("task 'quitter'").hasMessageContaining("cancelled");
                return null;
            });
            assertThat(b.isBroken()).isTrue();
            assertThatThrownBy(b::await).isInstanceOf(BrokenBarrierException.class)
                    .hasMessageContaining("task 'quitter'").hasMessageContaining("reset()");
            b.reset();
            TaskGroup.run(g -> {
                Task<Integer> x = g.spawn("x", b::await);
                Task<Integer> y = g.spawn("y", b::await);
                Until.holds("two arrived", () -> b.statistics().waiting() == 2);
                assertThat(b.await()).isEqualTo(2);
                assertThat(List.of(x.join(), y.join())).containsExactlyInAnyOrder(0, 1);
                return null;
            });
            return null;
        });
    }

    @Test
    void aPartyCancelledAfterTheRoundTrippedDoesNotBreakTheNextRound() {
        Gyre.run(() -> {
            Barrier b = Barrier.create(2);
            TaskGroup.run(g -> {
                Task<Integer> x = g.spawn("x", b::await);
                Until.holds("x arrived", () -> b.statistics().waiting() == 1);
                java.util.concurrent.locks.ReentrantLock frozen = b.mutex();
                frozen.lock();
                try {
                    assertThat(b.await()).isEqualTo(1); // trips the round while x cannot run yet
                    x.cancel("cancelled as the round tripped");
                } finally {
                    frozen.unlock();
                }
                try {
                    x.join(); // either outcome is fine for x; the barrier must stay whole
                } catch (CancelledException expected) {
                    // cancellation arrived before x saw the trip
                }
                return null;
            });
            assertThat(b.isBroken()).isFalse();
            assertThat(b.statistics()).isEqualTo(new Barrier.Statistics(2, 0, false));
            return null;
        });
    }
}
