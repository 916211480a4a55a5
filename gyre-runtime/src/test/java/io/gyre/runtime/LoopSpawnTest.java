package io.gyre.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Tasks spawned by loop callbacks start together once the loop's turn ends. */
class LoopSpawnTest {
    private final List<Report> reports = new CopyOnWriteArrayList<>();

    private RunnerConfig config() {
        return RunnerConfig.builder().name("spawn").loops(1).reporter(reports::add)
                .blockedThreshold(Duration.ofSeconds(30)).build();
    }

    private static Loop loop() {
        return Runner.current().orElseThrow().loops().loops().getFirst();
    }

    /** Runs {@code callback} on the runner's loop thread, with a supervisor open, and returns its answer. */
    private <T> T onLoop(Function<Supervisor, T> callback) {
        return Gyre.run(config(), () -> {
            try (Supervisor requests = Supervisor.open("requests", (task, failure) -> { })) {
                CompletableFuture<T> answer = new CompletableFuture<>();
                loop().callSoon(() -> {
                    try {
                        answer.complete(callback.apply(requests));
                    } catch (RuntimeException | Error e) {
                        answer.completeExceptionally(e);
                    }
                });
                return answer.join();
            }
        });
    }

    @Test
    void tasksSpawnedByALoopCallbackRunOnlyOnceTheCallbackReturnedAndAllOfThemRun() {
        List<String> events = Gyre.run(config(), () -> {
            List<String> seen = new CopyOnWriteArrayList<>();
            try (Supervisor requests = Supervisor.open("requests", (task, failure) -> seen.add("failed " + task))) {
                CompletableFuture<List<Task<Void>>> spawned = new CompletableFuture<>();
                loop().callSoon(() -> {
                    List<Task<Void>> tasks = new ArrayList<>();
                    for (int i = 0; i < 5; i++) {
                        String id = "task " + i;
                        tasks.add(requests.spawn(id, () -> {
                            seen.add(id);
                        }));
                    }
                    // A started task would run within this window on the other carrier or core.
                    long until = System.nanoTime() + Duration.ofMillis(100).toNanos();
                    while (seen.isEmpty() && System.nanoTime() < until) {
                        Thread.onSpinWait();
                    }
                    seen.add("callback returns");
                    spawned.complete(tasks);
                });
                for (Task<Void> t : spawned.join()) {
                    t.join();
                }
            }
            return seen;
        });

        assertThat(events.getFirst()).isEqualTo("callback returns");
        assertThat(events).containsExactlyInAnyOrder("callback returns", "task 0", "task 1", "task 2", "task 3",
                "task 4");
        assertThat(reports).isEmpty();
    }

    @Test
    void aTaskCancelledDuringTheTurnThatSpawnedItNeverRunsItsBody() {
        AtomicBoolean ran = new AtomicBoolean();
        TaskState state = Gyre.run(config(), () -> {
            try (Supervisor requests = Supervisor.open("requests", (task, failure) -> { })) {
                CompletableFuture<Task<Void>> spawned = new CompletableFuture<>();
                loop().callSoon(() -> {
                    Task<Void> t = requests.spawn("doomed", () -> {
                        ran.set(true);
                    });
                    t.cancel("the client went away");
                    spawned.complete(t);
                });
                Task<Void> t = spawned.join();
                t.await(Duration.ofSeconds(30));
                return t.state();
            }
        });

        assertThat(state).isEqualTo(TaskState.CANCELLED);
        assertThat(ran).isFalse();
    }

    @Test
    void waitingForATaskOnTheLoopThreadIsRefusedWithWhatToDoInstead() {
        String message = onLoop(requests -> {
            Task<Void> t = requests.spawn("lookup", () -> { });
            try {
                t.join();
                return "joined";
            } catch (IllegalStateException e) {
                return e.getMessage();
            }
        });

        assertThat(message).contains("task 'lookup'", "loop thread 'spawn-loop-0'", "onDone(", "from a task");
    }

    @Test
    void aZeroWaitOnTheLoopThreadOnlyAsksWhetherTheTaskEnded() {
        boolean ended = onLoop(requests -> requests.spawn("quick", () -> { }).await(Duration.ZERO));

        assertThat(ended).isFalse();
    }

    @Test
    void joiningOnTheLoopThreadIsRefusedEvenForATaskThatStartedLongAgo() {
        assertThatThrownBy(() -> Gyre.run(config(), () -> {
            Task<Void> sleeper = Runner.current().orElseThrow().root().spawn("sleeper",
                    () -> Gyre.sleep(Duration.ofMinutes(5)));
            CompletableFuture<Void> done = new CompletableFuture<>();
            loop().callSoon(() -> {
                try {
                    sleeper.join();
                    done.complete(null);
                } catch (RuntimeException e) {
                    done.completeExceptionally(e);
                }
            });
            try {
                return done.join();
            } finally {
                sleeper.cancel("the test ends");
            }
        })).hasRootCauseInstanceOf(IllegalStateException.class)
                .rootCause().hasMessageContaining("where waiting blocks the loop");
    }

    @Test
    void aSupervisorAwaitedOnTheLoopThreadSeesTheTasksSpawnedInTheSameTurnEnd() {
        boolean idle = onLoop(requests -> {
            requests.spawn("quick", () -> { });
            // Blocks the loop (the watchdog would say so); the held start must not wait for the turn's end.
            return requests.awaitIdle(Duration.ofSeconds(20));
        });

        assertThat(idle).isTrue();
    }

    @Test
    void aRunnerRunOnALoopThreadIsRefusedBeforeItStartsAnything() {
        String message = onLoop(requests -> {
            try {
                return Gyre.run(RunnerConfig.builder().name("inner").loops(1).build(), () -> "ran");
            } catch (IllegalStateException e) {
                return e.getMessage();
            }
        });

        assertThat(message).contains("Runner 'inner'.run() was called on loop thread 'spawn-loop-0'",
                "from main or another platform thread");
    }
}
