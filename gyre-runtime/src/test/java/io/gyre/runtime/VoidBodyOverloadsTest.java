package io.gyre.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** Work that returns nothing is accepted wherever the runtime runs a body, without a {@code return null}. */
class VoidBodyOverloadsTest {
    private static final RunnerConfig QUIET = RunnerConfig.builder().handleSignals(false).build();
    private final List<String> done = new CopyOnWriteArrayList<>();

    private void record(String what) {
        done.add(what);
    }

    @Test
    void aMainWithoutAResultRunsUnderGyreRunAndARunner() {
        Gyre.run(QUIET, () -> record("gyre"));
        Runner.create(QUIET).run(() -> record("runner"));
        assertThat(Runner.create(QUIET).runForStatus(() -> record("status"))).isEqualTo(ExitStatus.CLEAN);
        assertThat(done).containsExactly("gyre", "runner", "status");
    }

    @Test
    void aMainWithAResultStillReturnsIt() {
        assertThat(Gyre.run(QUIET, () -> 42)).isEqualTo(42);
        assertThat(Runner.create(QUIET).<String>run(() -> "x")).isEqualTo("x");
    }

    @Test
    void aVoidMainsCheckedFailureIsATaskFailure() {
        assertThatThrownBy(() -> Gyre.run(QUIET, () -> {
            throw new IOException("disk gone");
        })).isInstanceOf(TaskFailedException.class).hasRootCauseMessage("disk gone");
        List<Report> reports = new CopyOnWriteArrayList<>();
        RunnerConfig collecting = RunnerConfig.builder().handleSignals(false).reporter(reports::add).build();
        assertThat(Runner.create(collecting).runForStatus(() -> {
            throw new IOException("disk gone");
        })).isEqualTo(ExitStatus.FAILED);
        assertThat(reports).anySatisfy(r -> assertThat(r).isInstanceOfSatisfying(Report.TaskFailed.class,
                f -> assertThat(f.failure()).hasMessageContaining("disk gone")));
    }

    @Test
    void aShieldedCleanupWithoutAResultRunsToItsEndInACancelledTask() {
        CountDownLatch sleeping = new CountDownLatch(1);
        Gyre.run(QUIET, () -> TaskGroup.run(g -> {
            Task<Void> worker = g.spawn("worker", () -> {
                try {
                    sleeping.countDown();
                    Gyre.sleep(Duration.ofMinutes(5));
                } finally {
                    Cancellation.shield(Duration.ofSeconds(5), () -> {
                        Gyre.sleep(Duration.ofMillis(1)); // a blocking point: the cancellation waits
                        record("cleaned up");
                    });
                }
            });
            sleeping.await();
            worker.cancel("test");
            return null;
        }));
        assertThat(done).containsExactly("cleaned up");
    }

    @Test
    void aShieldedTaskWithoutAResultRunsInItsScope() {
        Gyre.run(QUIET, () -> TaskGroup.run(g -> {
            Tasks.shield(g, "save", () -> record("saved"));
            return null;
        }));
        assertThat(done).containsExactly("saved");
    }
}
