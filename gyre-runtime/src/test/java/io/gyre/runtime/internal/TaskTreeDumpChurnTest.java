package io.gyre.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.gyre.runtime.Gyre;
import io.gyre.runtime.Runner;
import io.gyre.runtime.RunnerConfig;
import io.gyre.runtime.Supervisor;
import io.gyre.runtime.TaskDump;
import io.gyre.runtime.TaskGroup;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Dumps taken while tasks and groups start and end on other threads. */
class TaskTreeDumpChurnTest {
    private static final int SPAWNERS = 4;
    private static final int TASKS_PER_SPAWNER = 2_000;

    @Test
    void dumpsTakenWhileThousandsOfTasksStartAndEndListEachTaskAtMostOnce() {
        RunnerConfig config = RunnerConfig.builder().name("churn").loops(1).build();
        int dumps = Gyre.run(config, () -> {
            AtomicInteger ids = new AtomicInteger();
            CountDownLatch spawnersDone = new CountDownLatch(SPAWNERS);
            CountDownLatch firstTasks = new CountDownLatch(SPAWNERS);
            CountDownLatch releaseHolder = new CountDownLatch(1);
            Supervisor requests = Supervisor.open("requests", (t, f) -> { });
            requests.spawn("holder", () -> releaseHolder.await());
            for (int s = 0; s < SPAWNERS; s++) {
                requests.spawn("spawner-" + s, () -> {
                    try {
                        for (int i = 0; i < TASKS_PER_SPAWNER; i++) {
                            if (i == 1) {
                                firstTasks.countDown();
                            }
                            if (i % 10 == 0) {
                                // a group opened and closed in a task, with a child of its own
                                requests.spawn("g" + ids.incrementAndGet(), () -> TaskGroup.run(g ->
                                        g.spawn("c" + ids.incrementAndGet(), () -> "x").join()));
                            } else {
                                requests.spawn("t" + ids.incrementAndGet(), () -> "x");
                            }
                        }
                    } finally {
                        spawnersDone.countDown();
                    }
                });
            }
            firstTasks.await();
            int taken = 0;
            do {
                TaskDump dump = Runner.current().orElseThrow().dump();
                List<String> names = dump.tasks().stream().map(TaskDump.Entry::name).toList();
                Set<String> distinct = new HashSet<>(names);
                assertThat(distinct).as("dump %d lists each task once", taken).hasSameSizeAs(names);
                assertThat(distinct).contains("main", "holder");
                taken++;
            } while (spawnersDone.getCount() > 0 || taken < 20);
            releaseHolder.countDown();
            requests.close();
            assertThat(Runner.current().orElseThrow().dump().tasks()).extracting(TaskDump.Entry::name)
                    .containsExactly("main");
            return taken;
        });
        assertThat(dumps).isGreaterThanOrEqualTo(20);
    }
}
