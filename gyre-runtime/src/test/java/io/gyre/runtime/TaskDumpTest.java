package io.gyre.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class TaskDumpTest {
    private static final RunnerConfig CONFIG = RunnerConfig.builder().name("dumper").loops(1).build();

    @Test
    void aDumpListsEveryLiveTaskWithStateScopeAgeCreationSiteAndStack() {
        TaskDump dump = Gyre.run(CONFIG, () -> TaskGroup.run(g -> {
            CountDownLatch parked = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Task<Void> worker = g.spawn("worker", () -> {
                parked.countDown();
                release.await();
            });
            parked.await();
            awaitBlockedInLatch(worker);
            try {
                return Runner.current().orElseThrow().dump();
            } finally {
                release.countDown();
            }
        }));
        assertThat(dump.runner()).isEqualTo("dumper");
        assertThat(dump.tasks()).extracting(TaskDump.Entry::name).containsExactly("main", "worker");
        TaskDump.Entry worker = dump.tasks().get(1);
        assertThat(worker.state()).isEqualTo(TaskState.RUNNING);
        assertThat(worker.scope()).isNotEqualTo(dump.tasks().get(0).scope());
        assertThat(worker.creationSite()).contains("TaskDumpTest");
        assertThat(worker.age()).isPositive();
        assertThat(worker.stack()).anySatisfy(f -> assertThat(f.getClassName())
                .isEqualTo("java.util.concurrent.CountDownLatch"));
        assertThat(dump.text())
                .contains("2 live tasks", "task 'worker' RUNNING", "java.util.concurrent.CountDownLatch.await");
    }

    @Test
    void theJsonFormEscapesNamesAndListsTheSameTasks() {
        TaskDump dump = Gyre.run(CONFIG, () -> TaskGroup.run(g -> {
            CountDownLatch parked = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            g.spawn("we\"ird\nname", () -> {
                parked.countDown();
                release.await();
            });
            parked.await();
            try {
                return Runner.current().orElseThrow().dump();
            } finally {
                release.countDown();
            }
        }));
        String json = dump.json();
        assertThat(json).startsWith("{\"runner\":\"dumper\",\"takenAt\":\"").endsWith("]}]}")
                .contains("\"name\":\"main\"", "\"name\":\"we\\\"ird\\nname\"", "\"state\":\"RUNNING\"",
                        "\"ageMillis\":", "\"stack\":[\"");
        assertThat(json).doesNotContain("\n");
    }

    @Test
    void endedTasksLeaveTheDump() {
        TaskDump dump = Gyre.run(CONFIG, () -> TaskGroup.run(g -> {
            g.spawn("quick", () -> "done").join();
            return Runner.current().orElseThrow().dump();
        }));
        assertThat(dump.tasks()).extracting(TaskDump.Entry::name).containsExactly("main");
    }

    @Test
    void aRunningTaskWithoutFramesIsShownAsNotStartedYet() {
        TaskDump.Entry held = new TaskDump.Entry("held", TaskState.RUNNING, "requests", java.time.Duration.ZERO,
                "Handlers.java:12", java.util.List.of());
        TaskDump.Entry ended = new TaskDump.Entry("ended", TaskState.SUCCEEDED, "requests", java.time.Duration.ZERO,
                "Handlers.java:13", java.util.List.of());
        TaskDump dump = new TaskDump("r", java.time.Instant.EPOCH, java.util.List.of(held, ended));
        assertThat(dump.text()).contains("task 'held' RUNNING in scope 'requests', 0 ms old, spawned at Handlers.java:12"
                + "\n\t(no frames: its thread has not started yet)");
        assertThat(dump.text().split("not started yet", -1)).hasSize(2);
    }

    /** Waits (bounded) until the task is really parked in CountDownLatch.await, not just about to be. */
    private static void awaitBlockedInLatch(Task<?> task) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (task.stack().stream().noneMatch(f -> f.getClassName().equals("java.util.concurrent.CountDownLatch")
                && f.getMethodName().equals("await"))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("task never blocked: " + task.stack());
            }
            Gyre.sleep(java.time.Duration.ofMillis(1));
        }
    }
}
