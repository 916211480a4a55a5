package io.gyre.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

class SupervisorTest {

    @Test
    void aSupervisedFailureGoesToTheHandlerWithNameAndSiteAndSiblingsKeepRunning() {
        List<String> handled = new CopyOnWriteArrayList<>();
        String r = Gyre.run(() -> Supervisor.run("background", (task, failure) ->
                handled.add(task.name() + " @ " + task.creationSite() + ": " + failure.getMessage()), s -> {
                    CountDownLatch failed = new CountDownLatch(1);
                    Task<String> steady = s.spawn("steady", () -> {
                        failed.await();
                        return "still alive";
                    });
                    Task<Void> flaky = s.spawn("flaky", () -> {
                        throw new IllegalStateException("flaked");
                    });
                    flaky.onDone(t -> failed.countDown());
                    return steady.join();
                }));
        assertThat(r).isEqualTo("still alive");
        assertThat(handled).singleElement().asString()
                .startsWith("flaky @ SupervisorTest.lambda$").contains("SupervisorTest.java:").endsWith(": flaked");
    }

    @Test
    void anOpenSupervisorIsClosedByTheRunnerShutdownAtTheLatest() {
        List<String> events = new CopyOnWriteArrayList<>();
        Gyre.run(() -> {
            Supervisor s = Supervisor.open("jobs", (t, f) -> events.add("failed " + t.name()));
            CountDownLatch started = new CountDownLatch(1);
            s.spawn("forever", () -> {
                started.countDown();
                try {
                    Gyre.sleep(Duration.ofHours(1));
                } catch (CancelledException e) {
                    events.add("cancelled: " + e.reason());
                    throw e;
                }
            });
            started.await();
            return null;
        });
        assertThat(events).containsExactly("cancelled: runner 'gyre' is shutting down: the main task ended");
    }

    @Test
    void closingASupervisorCancelsAndAwaitsItsTasksThenRefusesNewOnes() {
        Gyre.run(() -> {
            Supervisor s = Supervisor.open("requests", (t, f) -> { });
            CountDownLatch started = new CountDownLatch(3);
            for (int i = 0; i < 3; i++) {
                s.spawn(() -> {
                    started.countDown();
                    Gyre.sleep(Duration.ofHours(1));
                });
            }
            started.await();
            assertThat(s.tasks()).hasSize(3);
            assertThat(s.close(Duration.ofSeconds(5))).isTrue();
            assertThat(s.tasks()).isEmpty();
            assertThatThrownBy(() -> s.spawn("late", () -> 1)).isInstanceOf(ClosedException.class)
                    .hasMessageContaining("Supervisor 'requests' is closed");
            return null;
        });
    }

    @Test
    @Timeout(value = 20, threadMode = ThreadMode.SEPARATE_THREAD)
    void aTaskSpawnedAfterTheBodyFailedStartsCancelledSoTheSupervisorEnds() {
        AtomicReference<Task<Void>> late = new AtomicReference<>();
        IllegalStateException broke = new IllegalStateException("body broke");
        Gyre.run(() -> {
            assertThatThrownBy(() -> Supervisor.run("background", (t, f) -> { }, s -> {
                CountDownLatch shielded = new CountDownLatch(1);
                s.spawn("spawner", () -> Cancellation.shield(Duration.ofSeconds(30), () -> {
                    shielded.countDown();
                    // the failed body cancels the tasks it has: this one, which then spawns another
                    Until.holds("the body's failure reached the spawner", Cancellation::isRequested);
                    late.set(s.spawn("late", () -> Gyre.sleep(Duration.ofHours(1))));
                    return null;
                }));
                shielded.await();
                throw broke;
            })).isSameAs(broke);
            return null;
        });
        assertThat(late.get().state()).isEqualTo(TaskState.CANCELLED);
    }

    @Test
    void awaitIdleWaitsUntilEveryTaskEnded() {
        Gyre.run(() -> {
            try (Supervisor s = Supervisor.open("batch", (t, f) -> { })) {
                CountDownLatch go = new CountDownLatch(1);
                s.spawn("a", () -> {
                    go.await();
                });
                assertThat(s.awaitIdle(Duration.ofMillis(1))).isFalse();
                go.countDown();
                assertThat(s.awaitIdle(Duration.ofSeconds(5))).isTrue();
            }
            return null;
        });
    }

    @Test
    void aFailingHandlerIsReportedRatherThanLost() throws Exception {
        Recorder rec = new Recorder();
        Gyre.run(rec.config(), () -> Supervisor.run("s", (t, f) -> {
            throw new IllegalStateException("handler broke");
        }, s -> {
            s.spawn("x", () -> {
                throw new IllegalArgumentException("task broke");
            });
            return null;
        }));
        assertThat(rec.of(Report.TaskFailed.class)).singleElement().satisfies(f -> {
            assertThat(f.failure()).hasMessage("handler broke");
            assertThat(f.failure().getSuppressed()[0]).hasMessage("task broke");
        });
    }
}
