package io.gyre.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

class TaskGroupTest {

    @Test
    void aGroupWaitsForAllChildrenAndReturnsTheBodyValue() {
        List<String> finished = new CopyOnWriteArrayList<>();
        String r = Gyre.run(() -> TaskGroup.run(g -> {
            for (int i = 0; i < 50; i++) {
                int n = i;
                g.spawn("child-" + n, () -> {
                    Gyre.sleep(Duration.ofMillis(n % 5));
                    finished.add("c" + n);
                });
            }
            return "body";
        }));
        assertThat(r).isEqualTo("body");
        assertThat(finished).hasSize(50);
    }

    @Test
    void aChildFailureCancelsSiblingAndBodyAndTheGroupThrowsExactlyThatFailure() {
        IllegalStateException boom = new IllegalStateException("child broke");
        AtomicReference<String> siblingSaw = new AtomicReference<>();
        AtomicReference<String> bodySaw = new AtomicReference<>();
        Throwable thrown = catchThrowable(() -> Gyre.run(() -> TaskGroup.run("crawl", g -> {
            CountDownLatch siblingStarted = new CountDownLatch(1);
            g.spawn("sibling", () -> {
                siblingStarted.countDown();
                try {
                    Gyre.sleep(Duration.ofHours(1));
                } catch (CancelledException e) {
                    siblingSaw.set(e.reason());
                    throw e;
                }
            });
            siblingStarted.await();
            g.spawn("breaker", () -> {
                throw boom;
            });
            try {
                Gyre.sleep(Duration.ofHours(1));
            } catch (CancelledException e) {
                bodySaw.set(e.reason());
                throw e;
            }
            return null;
        })));
        assertThat(thrown).isInstanceOf(TaskGroupException.class).hasCause(boom);
        assertThat(((TaskGroupException) thrown).failures()).containsExactly(boom);
        assertThat(thrown).hasMessageContaining("task group 'crawl' failed with 1 failure");
        assertThat(siblingSaw.get()).contains("task group 'crawl' is aborting: child 'breaker' failed");
        assertThat(bodySaw.get()).contains("child 'breaker' failed");
    }

    @Test
    void everyFailureIsKeptFirstOneAsCause() {
        Throwable thrown = catchThrowable(() -> Gyre.run(() -> TaskGroup.run(g -> {
            CountDownLatch bothReady = new CountDownLatch(2);
            CountDownLatch go = new CountDownLatch(1);
            for (String n : List.of("a", "b")) {
                g.spawn(n, () -> {
                    bothReady.countDown();
                    Cancellation.shield(Duration.ofSeconds(5), () -> {
                        go.await();
                        return null;
                    });
                    throw new IllegalStateException(n);
                });
            }
            bothReady.await();
            go.countDown();
            return null;
        })));
        assertThat(thrown).isInstanceOf(TaskGroupException.class);
        assertThat(((TaskGroupException) thrown).failures()).hasSize(2)
                .extracting(Throwable::getMessage).containsExactlyInAnyOrder("a", "b");
        assertThat(thrown.getSuppressed()).hasSize(1);
    }

    @Test
    void cancellingTheOwnerCancelsChildrenAndRaisesCancellationNotAFailure() throws Exception {
        List<String> cancelled = new CopyOnWriteArrayList<>();
        CountDownLatch childrenStarted = new CountDownLatch(2);
        Gyre.run(() -> TaskGroup.run("outer", outer -> {
            Task<Object> owner = outer.spawn("owner", () -> TaskGroup.run("inner", g -> {
                for (String n : List.of("x", "y")) {
                    g.spawn(n, () -> {
                        childrenStarted.countDown();
                        try {
                            Gyre.sleep(Duration.ofHours(1));
                        } catch (CancelledException e) {
                            cancelled.add(n);
                            throw e;
                        }
                    });
                }
                Gyre.sleep(Duration.ofHours(1));
                return null;
            }));
            childrenStarted.await();
            owner.cancel("shutting the crawler");
            assertThatThrownBy(owner::join).isInstanceOf(CancelledException.class);
            assertThat(owner.state()).isEqualTo(TaskState.CANCELLED);
            return null;
        }));
        assertThat(cancelled).containsExactlyInAnyOrder("x", "y");
    }

    @Test
    @Timeout(value = 20, threadMode = ThreadMode.SEPARATE_THREAD)
    void aTaskSpawnedAfterTheOwnerWasCancelledStartsCancelledSoTheOwnerEnds() {
        AtomicReference<Task<Void>> late = new AtomicReference<>();
        AtomicBoolean lateBodyRan = new AtomicBoolean();
        Gyre.run(() -> TaskGroup.run("outer", outer -> {
            CountDownLatch shielded = new CountDownLatch(1);
            Task<Object> owner = outer.spawn("owner", () -> TaskGroup.run("inner", g -> {
                g.spawn("spawner", () -> Cancellation.shield(Duration.ofSeconds(30), () -> {
                    shielded.countDown();
                    // the owner cancels the children it has: this one, which then spawns another
                    Until.holds("the owner's cancellation reached the spawner", Cancellation::isRequested);
                    late.set(g.spawn("late", () -> {
                        lateBodyRan.set(true);
                        Gyre.sleep(Duration.ofHours(1));
                    }));
                    return null;
                }));
                return null;
            }));
            shielded.await();
            owner.cancel("stop");
            try {
                assertThat(owner.await(Duration.ofSeconds(10))).as("the owner ended").isTrue();
            } finally {
                Task<Void> t = late.get();
                if (t != null) {
                    t.cancel("the test ends");
                }
            }
            assertThatThrownBy(owner::join).isInstanceOf(CancelledException.class);
            return null;
        }));
        assertThat(late.get().state()).isEqualTo(TaskState.CANCELLED);
        assertThat(lateBodyRan).isFalse();
    }

    @Test
    void aBodyThatJoinsAFailedChildAfterTheGroupAbortedReportsTheFailureOnce() {
        IllegalStateException boom = new IllegalStateException("boom");
        Throwable thrown = catchThrowable(() -> Gyre.run(() -> TaskGroup.run("g", g -> {
            Task<Object> child = g.spawn("child", () -> {
                throw boom;
            });
            try {
                Gyre.sleep(Duration.ofHours(1));
                return null;
            } catch (CancelledException e) {
                return child.join(); // the group aborted: the child's failure is already recorded
            }
        })));
        assertThat(thrown).isInstanceOf(TaskGroupException.class);
        assertThat(((TaskGroupException) thrown).failures()).containsExactly(boom);
    }

    @Test
    void aBodyThatJoinsAFailedChildBeforeTheGroupRecordedItReportsTheFailureOnce() {
        IllegalStateException boom = new IllegalStateException("boom");
        Throwable thrown = catchThrowable(() -> Gyre.run(() -> TaskGroup.run("g", g -> {
            CountDownLatch fail = new CountDownLatch(1);
            CountDownLatch bodyFailureRecorded = new CountDownLatch(1);
            CountDownLatch siblingStarted = new CountDownLatch(1);
            g.spawn("sibling", () -> {
                try {
                    siblingStarted.countDown();
                    Gyre.sleep(Duration.ofHours(1));
                } finally {
                    bodyFailureRecorded.countDown(); // cancelled when the group records the body's failure
                }
            });
            Task<Object> child = g.spawn("child", () -> {
                fail.await();
                throw boom;
            });
            // runs after the child's joiners were woken, before the group records the child's failure
            child.onDone(t -> awaitUninterruptibly(bodyFailureRecorded));
            siblingStarted.await();
            fail.countDown();
            return child.join();
        })));
        assertThat(thrown).isInstanceOf(TaskGroupException.class);
        assertThat(((TaskGroupException) thrown).failures()).containsExactly(boom);
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aBodyFailureCancelsTheChildrenAndIsThrownAsTheGroupFailure() {
        AtomicReference<TaskState> childState = new AtomicReference<>();
        UnsupportedOperationException bad = new UnsupportedOperationException("body broke");
        Throwable thrown = catchThrowable(() -> Gyre.run(() -> TaskGroup.run(g -> {
            CountDownLatch started = new CountDownLatch(1);
            Task<Void> child = g.spawn("child", () -> {
                started.countDown();
                Gyre.sleep(Duration.ofHours(1));
            });
            child.onDone(t -> childState.set(t.state()));
            started.await();
            throw bad;
        })));
        assertThat(thrown).isInstanceOf(TaskGroupException.class).hasCause(bad);
        assertThat(childState.get()).isEqualTo(TaskState.CANCELLED);
    }

    @Test
    void nestedGroupsNestTheirFailures() {
        Throwable thrown = catchThrowable(() -> Gyre.run(() -> TaskGroup.run("outer", outer -> {
            outer.spawn("middle", () -> TaskGroup.run("inner", inner -> {
                inner.spawn("leaf", () -> {
                    throw new IllegalArgumentException("leaf failed");
                });
                return null;
            }));
            return null;
        })));
        assertThat(thrown).isInstanceOf(TaskGroupException.class).hasMessageContaining("'outer'");
        TaskGroupException outer = (TaskGroupException) thrown;
        assertThat(outer.failures()).singleElement().isInstanceOf(TaskGroupException.class);
        TaskGroupException inner = (TaskGroupException) outer.failures().getFirst();
        assertThat(inner).hasMessageContaining("'inner'");
        assertThat(inner.failures()).singleElement().isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cancelledChildrenAreNotFailures() {
        String r = Gyre.run(() -> TaskGroup.run(g -> {
            CountDownLatch started = new CountDownLatch(1);
            Task<Void> t = g.spawn("cancel-me", () -> {
                started.countDown();
                Gyre.sleep(Duration.ofHours(1));
            });
            started.await();
            t.cancel("not needed");
            return "fine";
        }));
        assertThat(r).isEqualTo("fine");
    }

    @Test
    void spawningAfterTheGroupFinishedIsRefusedWithAClearError() {
        AtomicReference<TaskGroup> kept = new AtomicReference<>();
        Throwable thrown = catchThrowable(() -> Gyre.run(() -> {
            TaskGroup.run("short-lived", g -> {
                kept.set(g);
                return null;
            });
            kept.get().spawn("late", () -> 1);
            return null;
        }));
        assertThat(thrown).isInstanceOf(ClosedException.class)
                .hasMessageContaining("TaskGroup 'short-lived' is closed (it finished at")
                .hasMessageContaining("task 'main'")
                .hasMessageContaining("tried to spawn 'late'");
    }

    @Test
    void spawningWhileTheGroupAbortsIsRefused() {
        AtomicReference<Throwable> refusal = new AtomicReference<>();
        catchThrowable(() -> Gyre.run(() -> TaskGroup.run("g", g -> {
            g.spawn("bad", () -> {
                throw new IllegalStateException("x");
            });
            try {
                Gyre.sleep(Duration.ofHours(1)); // the abort cancels the body
            } catch (CancelledException e) {
                try {
                    g.spawn("too-late", () -> 1);
                } catch (ClosedException refused) {
                    refusal.set(refused);
                }
            }
            return null;
        })));
        assertThat(refusal.get()).hasMessageContaining("TaskGroup 'g' is aborting (child 'bad' failed");
    }

    @Test
    void cancellingTheGroupEndsItWithoutFailure() {
        String r = Gyre.run(() -> TaskGroup.run(g -> {
            CountDownLatch started = new CountDownLatch(1);
            g.spawn("worker", () -> {
                started.countDown();
                Gyre.sleep(Duration.ofHours(1));
            });
            started.await();
            g.cancel("done early");
            try {
                Gyre.sleep(Duration.ofHours(1));
            } catch (CancelledException e) {
                return "cancelled: " + e.reason();
            }
            return "not cancelled";
        }));
        assertThat(r).isEqualTo("cancelled: done early");
    }

    private static Throwable catchThrowable(Runnable r) {
        try {
            r.run();
            return null;
        } catch (Throwable t) {
            return t;
        }
    }
}
