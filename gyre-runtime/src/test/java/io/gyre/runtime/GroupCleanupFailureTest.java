package io.gyre.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A child whose cleanup fails while it is being cancelled ends cancelled, with the cleanup failure
 * suppressed on its cancellation. The failure still reaches someone: the group's rethrown
 * cancellation carries it, or, when the group ends normally, the runner's reporter gets it.
 */
class GroupCleanupFailureTest {
    /** A child that signals once inside a resource whose close fails, then sleeps until cancelled. */
    @SuppressWarnings("try") // the resource is there for its failing close
    private static Void childWithAFailingClose(CountDownLatch inside) throws Exception {
        try (AutoCloseable resource = () -> {
            throw new IllegalStateException("close failed");
        }) {
            inside.countDown();
            Gyre.sleep(Duration.ofMinutes(1));
        }
        return null;
    }

    private static boolean carries(Throwable t, String message) {
        if (message.equals(t.getMessage())) {
            return true;
        }
        for (Throwable s : t.getSuppressed()) {
            if (carries(s, message)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void aCancelledChildsCloseFailureRidesOnTheOwnersRethrownCancellation() {
        CountDownLatch inside = new CountDownLatch(1);
        AtomicReference<CancelledException> rethrown = new AtomicReference<>();
        List<Report> reports = new CopyOnWriteArrayList<>();
        Runner runner = Runner.create(RunnerConfig.builder().name("cleanup").reporter(reports::add).build());
        TaskState end = runner.run(() -> TaskGroup.run("outer", outer -> {
            Task<Void> owner = outer.spawn("owner", () -> {
                try {
                    return TaskGroup.run("work", g -> {
                        g.spawn("child", () -> childWithAFailingClose(inside));
                        Gyre.sleep(Duration.ofMinutes(1));
                        return null;
                    });
                } catch (CancelledException e) {
                    rethrown.set(e);
                    throw e;
                }
            });
            assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
            owner.cancel("test: the owner is cancelled");
            assertThat(owner.await(Duration.ofSeconds(10))).isTrue();
            return owner.state();
        }));
        assertThat(end).as("how the owner ended").isEqualTo(TaskState.CANCELLED);
        assertThat(rethrown.get()).as("the group's rethrown cancellation").isNotNull();
        assertThat(carries(rethrown.get(), "close failed")).as("the child's close failure is on it: %s",
                List.of(rethrown.get().getSuppressed())).isTrue();
        // nobody above catches the owner's cancellation: the outer group, ending normally, reports it once
        assertThat(reports).as("the runner's reports").singleElement().satisfies(r -> {
            assertThat(r).isInstanceOf(Report.TaskFailed.class);
            assertThat(((Report.TaskFailed) r).task()).isEqualTo("owner");
            assertThat(((Report.TaskFailed) r).scope()).isEqualTo("outer");
        });
    }

    @Test
    void aChildCancelledByTheBodyWhoseCloseFailedIsReportedWhenTheGroupEndsNormally() {
        CountDownLatch inside = new CountDownLatch(1);
        List<Report> reports = new CopyOnWriteArrayList<>();
        String value = Runner.create(RunnerConfig.builder().name("cleanup").reporter(reports::add).build())
                .run(() -> TaskGroup.run("work", g -> {
                    Task<Void> child = g.spawn("child", () -> childWithAFailingClose(inside));
                    assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
                    child.cancel("test: the body cancels its child");
                    return "the group ended normally";
                }));
        assertThat(value).isEqualTo("the group ended normally");
        assertThat(reports).as("the runner's reports").anySatisfy(r -> {
            assertThat(r).isInstanceOf(Report.TaskFailed.class);
            Report.TaskFailed f = (Report.TaskFailed) r;
            assertThat(f.task()).isEqualTo("child");
            assertThat(f.scope()).isEqualTo("work");
            assertThat(carries(f.failure(), "close failed")).as("the close failure in %s", f.failure()).isTrue();
        });
    }
}
