package io.gyre.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
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
        String message = Gyre.run(config(), () -> {
            try (Supervisor requests = Supervisor.open("requests", (task, failure) -> { })) {
                CompletableFuture<String> refusal = new CompletableFuture<>();
                loop().callSoon(() -> {
                    Task<Void> t = requests.spawn("lookup", () -> { });
                    try {
                        t.join();
                        refusal.complete("joined");
                    } catch (IllegalStateException e) {
                        refusal.complete(e.getMessage());
                    }
                });
                return refusal.join();
            }
        });

        assertThat(message).contains("task 'lookup'", "loop thread 'spawn-loop-0'", "onDone(", "from a task");
    }

    @Test
    void aZeroWaitOnTheLoopThreadOnlyAsksWhetherTheTaskEnded() {
        boolean ended = Gyre.run(config(), () -> {
            try (Supervisor requests = Supervisor.open("requests", (task, failure) -> { })) {
                CompletableFuture<Boolean> answer = new CompletableFuture<>();
                loop().callSoon(() -> answer.complete(requests.spawn("quick", () -> { }).await(Duration.ZERO)));
                return answer.join();
            }
        });

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
        boolean idle = Gyre.run(config(), () -> {
            try (Supervisor requests = Supervisor.open("requests", (task, failure) -> { })) {
                CompletableFuture<Boolean> answer = new CompletableFuture<>();
                loop().callSoon(() -> {
                    requests.spawn("quick", () -> { });
                    // Blocks the loop (the watchdog would say so); the held start must not wait for the turn's end.
                    answer.complete(requests.awaitIdle(Duration.ofSeconds(20)));
                });
                return answer.join();
            }
        });

        assertThat(idle).isTrue();
    }

    @Test
    void aRunnerRunOnALoopThreadIsRefusedBeforeItStartsAnything() {
        String message = Gyre.run(config(), () -> {
            CompletableFuture<String> refusal = new CompletableFuture<>();
            loop().callSoon(() -> {
                try {
                    Gyre.run(RunnerConfig.builder().name("inner").loops(1).build(), () -> "ran");
                    refusal.complete("ran");
                } catch (IllegalStateException e) {
                    refusal.complete(e.getMessage());
                }
            });
            return refusal.join();
        });

        assertThat(message).contains("Runner 'inner'.run() was called on loop thread 'spawn-loop-0'",
                "from main or another platform thread");
    }
}
