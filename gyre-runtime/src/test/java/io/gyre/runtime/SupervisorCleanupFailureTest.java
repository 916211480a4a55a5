package io.gyre.runtime;

import static io.gyre.runtime.OwnCancellationCleanupFailureTest.occurrences;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A supervised task that is cancelled and whose cleanup then fails (a close suppressed on its
 * cancellation) is handed to the supervisor's handler like a failure, saying so; a task that is
 * only cancelled is not.
 */
class SupervisorCleanupFailureTest {
    private record Handed(String task, Throwable failure) {
    }

    /** Signals once inside a resource whose close fails, then sleeps until cancelled. */
    @SuppressWarnings("try") // the resource is there for its failing close
    private static void sleepWithAFailingClose(CountDownLatch inside) throws Exception {
        try (AutoCloseable resource = () -> {
            throw new IllegalStateException("close failed");
        }) {
            inside.countDown();
            Gyre.sleep(Duration.ofHours(1));
        }
    }

    @Test
    void aCancelledTaskWhoseCloseFailedGoesToTheHandlerOnceAndAPlainCancelledOneDoesNot() {
        List<Handed> handed = new CopyOnWriteArrayList<>();
        Gyre.run(() -> Supervisor.run("jobs", (task, failure) -> handed.add(new Handed(task.name(), failure)), s -> {
            CountDownLatch inside = new CountDownLatch(2);
            s.spawn("closing", () -> sleepWithAFailingClose(inside));
            s.spawn("plain", () -> {
                inside.countDown();
                Gyre.sleep(Duration.ofHours(1));
            });
            assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
            s.cancelAll("test: stop the jobs");
            return null;
        }));
        assertThat(handed).singleElement().satisfies(h -> {
            assertThat(h.task()).isEqualTo("closing");
            assertThat(h.failure()).isInstanceOf(CleanupFailedException.class)
                    .hasMessageContaining("task 'closing'")
                    .hasMessageContaining("cleanup after it was cancelled")
                    .hasMessageContaining("close failed")
                    .hasCauseInstanceOf(CancelledException.class);
            assertThat(occurrences(h.failure(), "close failed")).as("in %s", h.failure()).isEqualTo(1);
        });
    }

    @Test
    void aRootTaskCancelledAtShutdownWhoseCloseFailedIsReportedToTheRunnersReporter() {
        Recorder reports = new Recorder();
        Runner.create(reports.config()).run(() -> {
            CountDownLatch inside = new CountDownLatch(1);
            Runner.current().orElseThrow().root().spawn("lingering", () -> sleepWithAFailingClose(inside));
            assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
            return null; // the shutdown cancels 'lingering'
        });
        assertThat(reports.of(Report.TaskFailed.class)).as("the runner's reports").singleElement().satisfies(r -> {
            assertThat(r.task()).isEqualTo("lingering");
            assertThat(r.scope()).isEqualTo("root");
            assertThat(r.failure()).isInstanceOf(CleanupFailedException.class);
            assertThat(occurrences(r.failure(), "close failed")).as("in %s", r.failure()).isEqualTo(1);
        });
        assertThat(reports.reports()).hasSize(1);
    }
}
