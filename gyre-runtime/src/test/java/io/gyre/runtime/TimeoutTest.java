package io.gyre.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TimeoutTest {
    private static final Duration LONG = Duration.ofHours(1);

    @Test
    void failAfterRaisesDeadlineExceededWhenTheBodyOverruns() {
        AtomicBoolean cleanedUp = new AtomicBoolean();
        assertThatThrownBy(() -> Gyre.run(() -> Timeout.failAfter(Duration.ofMillis(10), t -> {
            try {
                Gyre.sleep(LONG);
            } finally {
                cleanedUp.set(true);
            }
            return null;
        }))).isInstanceOf(DeadlineExceededException.class)
                .hasMessageContaining("Timeout.failAfter in task 'main' expired after");
        assertThat(cleanedUp).isTrue();
    }

    @Test
    void aBodyThatFinishesInTimeReturnsItsValue() {
        String failing = Gyre.run(() -> Timeout.failAfter(Duration.ofSeconds(30), t -> "quick"));
        Optional<String> moving = Gyre.run(() -> Timeout.moveOnAfter(Duration.ofSeconds(30), t -> "quick"));
        assertThat(failing).isEqualTo("quick");
        assertThat(moving).contains("quick");
    }

    @Test
    void moveOnAfterReturnsEmptyWhenTheDeadlinePasses() {
        Optional<String> r = Gyre.run(() -> Timeout.moveOnAfter(Duration.ofMillis(10), t -> {
            Gyre.sleep(LONG);
            return "never";
        }));
        assertThat(r).isEmpty();
    }

    @Test
    void nestedDeadlinesComposeAndTheEarliestWins() {
        AtomicReference<Boolean> innerExpired = new AtomicReference<>();
        AtomicReference<Throwable> seenByOuter = new AtomicReference<>();
        Optional<Object> r = Gyre.run(() -> Timeout.moveOnAfter(Duration.ofMillis(20), outer -> {
            try {
                return Timeout.failAfter(LONG, inner -> {
                    try {
                        Gyre.sleep(LONG);
                    } finally {
                        innerExpired.set(inner.expired());
                    }
                    return "inner";
                });
            } catch (Throwable e) {
                seenByOuter.set(e);
                throw e;
            }
        }));
        assertThat(r).isEmpty();
        assertThat(innerExpired.get()).isFalse();
        assertThat(seenByOuter.get()).isInstanceOf(CancelledException.class)
                .isNotInstanceOf(DeadlineExceededException.class);
    }

    @Test
    void anInnerDeadlineThatFiresIsHandledByTheInnerScopeOnly() {
        String r = Gyre.run(() -> Timeout.failAfter(LONG, outer -> {
            Optional<String> inner = Timeout.moveOnAfter(Duration.ofMillis(5), t -> {
                Gyre.sleep(LONG);
                return "x";
            });
            Gyre.sleep(Duration.ofMillis(1)); // the outer scope is not cancelled
            return inner.orElse("inner timed out") + ", outer fine";
        }));
        assertThat(r).isEqualTo("inner timed out, outer fine");
    }

    @Test
    void aForeignExceptionFromTheBodyPassesThroughUnchanged() {
        IllegalStateException boom = new IllegalStateException("boom");
        assertThatThrownBy(() -> Gyre.run(() -> Timeout.failAfter(LONG, t -> {
            throw boom;
        }))).isSameAs(boom);
    }

    @Test
    void anUnrelatedCancellationStaysACancellationEvenIfTheDeadlineAlsoPassed() {
        Gyre.run(() -> TaskGroup.run(g -> {
            CountDownLatch inside = new CountDownLatch(1);
            Task<Object> t = g.spawn("worker", () -> Timeout.failAfter(LONG, to -> {
                inside.countDown();
                Gyre.sleep(LONG);
                return null;
            }));
            inside.await();
            t.cancel("operator");
            assertThatThrownBy(t::join).isInstanceOf(CancelledException.class)
                    .isNotInstanceOf(DeadlineExceededException.class).hasMessageContaining("operator");
            return null;
        }));
    }

    @Test
    void theDeadlineCanBeMovedLaterOrRemovedWhileActive() {
        // the first deadline is far enough that a descheduled thread still moves it in time; the
        // sleep then outlasts it, which shows it moved
        String r = Gyre.run(() -> Timeout.failAfter(Duration.ofMillis(200), t -> {
            t.reschedule(Duration.ofSeconds(30));
            Gyre.sleep(Duration.ofMillis(300));
            t.clear();
            assertThat(t.deadline()).isEmpty();
            Gyre.sleep(Duration.ofMillis(10));
            return "survived";
        }));
        assertThat(r).isEqualTo("survived");
    }

    @Test
    void theDeadlineCanBeMovedEarlier() {
        assertThatThrownBy(() -> Gyre.run(() -> Timeout.failAfter(LONG, t -> {
            t.reschedule(Duration.ofMillis(5));
            Gyre.sleep(LONG);
            return null;
        }))).isInstanceOf(DeadlineExceededException.class);
    }

    @Test
    void zeroAndPastDeadlinesFireAtTheNextBlockingPoint() {
        AtomicBoolean reachedBlockingPoint = new AtomicBoolean();
        Optional<String> r = Gyre.run(() -> Timeout.moveOnAfter(Duration.ZERO, t -> {
            reachedBlockingPoint.set(true); // code before the first blocking point still runs
            Gyre.sleep(LONG);
            return "never";
        }));
        assertThat(reachedBlockingPoint).isTrue();
        assertThat(r).isEmpty();
        assertThat(Gyre.run(() -> Timeout.moveOnAt(System.nanoTime() - 1_000_000, t -> {
            Gyre.sleep(LONG);
            return "never";
        }))).isEmpty();
    }

    @Test
    void anExpiredDeadlineCannotBeMoved() {
        Gyre.run(() -> Timeout.moveOnAfter(Duration.ZERO, t -> {
            try {
                Gyre.sleep(LONG);
            } catch (CancelledException e) {
                assertThatThrownBy(() -> t.reschedule(LONG)).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("already expired");
                throw e;
            }
            return null;
        }));
    }

    @Test
    void aTimeoutAroundATaskGroupCancelsItsChildren() {
        AtomicBoolean childCancelled = new AtomicBoolean();
        assertThatThrownBy(() -> Gyre.run(() -> Timeout.failAfter(Duration.ofMillis(20), t ->
                TaskGroup.run(g -> {
                    g.spawn("slow", () -> {
                        try {
                            Gyre.sleep(LONG);
                        } catch (CancelledException e) {
                            childCancelled.set(true);
                            throw e;
                        }
                    });
                    return null;
                })))).isInstanceOf(DeadlineExceededException.class);
        assertThat(childCancelled).isTrue();
    }
}
