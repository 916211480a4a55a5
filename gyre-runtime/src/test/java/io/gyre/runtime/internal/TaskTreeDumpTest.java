package io.gyre.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.gyre.runtime.Gyre;
import io.gyre.runtime.Report;
import io.gyre.runtime.Runner;
import io.gyre.runtime.RunnerConfig;
import io.gyre.runtime.Supervisor;
import io.gyre.runtime.TaskDump;
import io.gyre.runtime.TaskGroup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** Dumps find live tasks by walking scopes: the runner's scopes, then the scopes open in each task. */
class TaskTreeDumpTest {
    private static final RunnerConfig CONFIG = RunnerConfig.builder().name("tree").loops(1).build();

    private static TaskDump dump() {
        return Runner.current().orElseThrow().dump();
    }

    private static List<String> names(TaskDump dump) {
        return dump.tasks().stream().map(TaskDump.Entry::name).toList();
    }

    @Test
    void aTaskInANestedGroupInsideATaskOfAnOpenSupervisorIsInTheDump() {
        TaskDump dump = Gyre.run(CONFIG, () -> {
            CountDownLatch parked = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Supervisor background = Supervisor.open("background", (t, f) -> { });
            background.spawn("service", () -> TaskGroup.run("outer", outer -> {
                outer.spawn("middle", () -> Supervisor.run("inner", (t, f) -> { }, inner -> {
                    inner.spawn("deep", () -> {
                        parked.countDown();
                        release.await();
                    });
                    return null;
                }));
                return null;
            }));
            parked.await();
            try {
                return dump();
            } finally {
                release.countDown();
                background.close();
            }
        });
        assertThat(names(dump)).containsExactlyInAnyOrder("main", "service", "middle", "deep");
        assertThat(dump.tasks()).filteredOn(e -> e.name().equals("deep")).singleElement()
                .satisfies(e -> assertThat(e.scope()).isEqualTo("inner"));
        assertThat(dump.tasks()).filteredOn(e -> e.name().equals("middle")).singleElement()
                .satisfies(e -> assertThat(e.scope()).isEqualTo("outer"));
    }

    @Test
    void aDumpIsSortedOldestFirst() {
        TaskDump dump = Gyre.run(CONFIG, () -> TaskGroup.run(g -> {
            CountDownLatch release = new CountDownLatch(1);
            for (int i = 0; i < 5; i++) {
                CountDownLatch started = new CountDownLatch(1);
                g.spawn("t" + i, () -> {
                    started.countDown();
                    release.await();
                });
                started.await();
                Gyre.sleep(Duration.ofMillis(2)); // distinct ages
            }
            try {
                return dump();
            } finally {
                release.countDown();
            }
        }));
        assertThat(names(dump)).containsExactly("main", "t0", "t1", "t2", "t3", "t4");
        assertThat(dump.tasks()).extracting(TaskDump.Entry::age).isSortedAccordingTo((a, b) -> b.compareTo(a));
    }

    @Test
    void aTaskThatEndsLeavesTheDumpAndItsClosedGroupLeavesItsOwner() {
        List<String> during = new ArrayList<>();
        TaskDump after = Gyre.run(CONFIG, () -> {
            TaskImpl<?> me = TaskImpl.current();
            TaskGroup.run("g", g -> {
                g.spawn("short", () -> TaskGroup.run("nested", n -> n.spawn("leaf", () -> "x").join())).join();
                during.addAll(names(dump()));
                assertThat(me.openScopes).isSameAs(g);
                return null;
            });
            assertThat(me.openScopes).isNull();
            return dump();
        });
        assertThat(during).containsExactly("main");
        assertThat(names(after)).containsExactly("main");
    }

    @Test
    void aScopeClosedWhileAWalkHoldsItIsWalkedAsEmptyAndItsOlderSiblingIsStillReached() {
        Gyre.run(CONFIG, () -> {
            TaskImpl<?> me = TaskImpl.current();
            CountDownLatch release = new CountDownLatch(1);
            TaskGroup.run("outer", outer -> {
                outer.spawn("outer-worker", () -> release.await());
                List<AbstractScope> held = new ArrayList<>();
                TaskGroup.run("inner", inner -> {
                    inner.spawn("inner-worker", () -> "done");
                    AbstractScope.addOpenScopes(me, held); // a walk reads the chain: inner, outer
                    return null;
                });
                // inner closed meanwhile; the walk goes on from the scope it holds
                assertThat(held).extracting(AbstractScope::name).containsExactly("inner", "outer");
                AbstractScope closed = held.get(0);
                assertThat(closed.liveTasks()).isEmpty();
                List<AbstractScope> rest = new ArrayList<>();
                AbstractScope.addOpenScopes(me, rest);
                assertThat(rest).extracting(AbstractScope::name).containsExactly("outer");
                assertThat(held.get(1).liveTasks()).extracting(TaskImpl::name).containsExactly("outer-worker");
                assertThat(names(dump())).containsExactlyInAnyOrder("main", "outer-worker");
                release.countDown();
                return null;
            });
            return null;
        });
    }

    @Test
    void aClosedSupervisorWithAStragglerStaysInTheDumpAndLeavesOnceEmpty() {
        List<Report> reports = new CopyOnWriteArrayList<>();
        RunnerConfig config = RunnerConfig.builder().name("closing").loops(1).reporter(reports::add)
                .cancelGrace(Duration.ZERO).build();
        Gyre.run(config, () -> {
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Supervisor s = Supervisor.open("stubborn-scope", (t, f) -> { });
            var stubborn = s.spawn("stubborn", () -> {
                started.countDown();
                while (true) {
                    try {
                        release.await();
                        return;
                    } catch (InterruptedException swallowed) {
                        // deliberately ignores cancellation
                    }
                }
            });
            started.await();
            assertThat(s.close(Duration.ofMillis(20))).isFalse();
            assertThat(names(dump())).containsExactlyInAnyOrder("main", "stubborn");
            RuntimeCore.current().services().reportLeftovers("when a test forced the exit");
            release.countDown();
            stubborn.join();
            assertThat(names(dump())).containsExactly("main");
            assertThat(RuntimeCore.current().services().runnerScopes()).extracting(AbstractScope::name)
                    .containsExactly("root");
            return null;
        });
        assertThat(reports).filteredOn(r -> r instanceof Report.Straggler st && st.situation().contains("test forced"))
                .extracting(r -> ((Report.Straggler) r).task() + " in " + ((Report.Straggler) r).scope())
                .containsExactlyInAnyOrder("main in root", "stubborn in stubborn-scope");
    }
}
