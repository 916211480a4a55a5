package io.gyre.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

@org.junit.jupiter.api.Timeout(20)
class GatherTest {

    @Test
    void resultsComeInArgumentOrderNotCompletionOrder() {
        List<String> r = Gyre.run(() -> {
            Event secondDone = Event.create();
            return Tasks.<String>gather(() -> {
                secondDone.await();
                return "first";
            }, () -> {
                secondDone.set();
                return "second";
            });
        });
        assertThat(r).containsExactly("first", "second");
    }

    @Test
    void theFirstFailureCancelsAndAwaitsTheOthersBeforeItIsThrown() {
        AtomicBoolean cleanedUp = new AtomicBoolean();
        Throwable thrown = Gyre.run(() -> {
            CountDownLatch started = new CountDownLatch(1);
            try {
                Tasks.gather(() -> {
                    try {
                        started.countDown();
                        Event.create().await();
                        return "never";
                    } finally {
                        cleanedUp.set(true);
                    }
                }, () -> {
                    started.await();
                    throw new IOException("disk gone");
                });
                return null;
            } catch (TaskFailedException e) {
                assertThat(cleanedUp).as("sibling finished before gather threw").isTrue();
                return e;
            }
        });
        assertThat(thrown).hasMessageContaining("task 'gather-2' failed").hasCauseInstanceOf(IOException.class);
        assertThat(thrown.getSuppressed()).isEmpty();
    }

    @Test
    void failuresOfCancelledSiblingsAreAttachedNotDropped() {
        Throwable thrown = Gyre.run(() -> {
            CountDownLatch started = new CountDownLatch(1);
            try {
                Tasks.gather(() -> {
                    try {
                        started.countDown();
                        Event.create().await();
                        return "never";
                    } catch (CancelledException e) {
                        throw new IllegalStateException("cleanup failed");
                    }
                }, () -> {
                    started.await();
                    throw new IOException("disk gone");
                });
                return null;
            } catch (TaskFailedException e) {
                return e;
            }
        });
        assertThat(thrown.getCause()).isInstanceOf(IOException.class);
        assertThat(thrown.getSuppressed()).singleElement().isInstanceOf(IllegalStateException.class);
    }

    @Test
    void collectingFailuresFillsEverySlotWithAnOutcome() {
        List<Outcome<String>> r = Gyre.run(() -> Tasks.<String>gatherOutcomes(
                () -> "ok",
                () -> {
                    throw new IOException("bad");
                },
                () -> {
                    Task.current().orElseThrow().cancel("changed my mind");
                    Cancellation.checkpoint();
                    return "never";
                }));
        assertThat(r.get(0)).isEqualTo(new Outcome.Success<>("ok"));
        assertThat(r.get(1)).isInstanceOfSatisfying(Outcome.Failure.class,
                f -> assertThat(f.failure()).isInstanceOf(IOException.class));
        assertThat(r.get(2)).isInstanceOfSatisfying(Outcome.Cancelled.class,
                c -> assertThat(c.cancellation().reason()).isEqualTo("changed my mind"));
        assertThat(r.get(0).isSuccess()).isTrue();
        assertThat(r.get(1).isSuccess()).isFalse();
    }

    @Test
    void aCancelledChildDoesNotCancelItsSiblingsButIsReported() {
        AtomicBoolean siblingFinished = new AtomicBoolean();
        Gyre.run(() -> {
            Event cancelledOne = Event.create();
            assertThatThrownBy(() -> Tasks.gather(() -> {
                try {
                    Task.current().orElseThrow().cancel("self");
                    Cancellation.checkpoint();
                    return "never";
                } finally {
                    cancelledOne.set();
                }
            }, () -> {
                cancelledOne.await();
                siblingFinished.set(true);
                return "done";
            })).isInstanceOf(CancelledException.class).hasMessageContaining("gather-1");
            return null;
        });
        assertThat(siblingFinished).isTrue();
    }

    @Test
    void cancellingTheWaiterCancelsEveryChild() {
        AtomicInteger cancelledChildren = new AtomicInteger();
        Gyre.run(() -> {
            CountDownLatch started = new CountDownLatch(2);
            TaskBody<String> child = () -> {
                try {
                    started.countDown();
                    Event.create().await();
                    return "never";
                } catch (CancelledException e) {
                    cancelledChildren.incrementAndGet();
                    throw e;
                }
            };
            TaskGroup.run(g -> {
                Task<List<String>> waiter = g.spawn("waiter", () -> Tasks.gather(List.of(child, child)));
                started.await();
                waiter.cancel("stop everything");
                assertThatThrownBy(waiter::join).isInstanceOf(CancelledException.class);
                return null;
            });
            return null;
        });
        assertThat(cancelledChildren).hasValue(2);
    }

    @Test
    void gatheringNothingReturnsNothing() {
        assertThat(Gyre.run(() -> Tasks.gather(List.<TaskBody<String>>of()))).isEmpty();
    }
}
