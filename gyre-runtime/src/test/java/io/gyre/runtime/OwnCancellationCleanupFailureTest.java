package io.gyre.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * A scope that ends its body by its own cancellation (a group aborting or cancelled, a deadline
 * passing) takes that cancellation for its own, but not what failed in the body's cleanup while
 * it unwound (a close suppressed on the cancellation): that rides on what the scope throws, or,
 * when the scope ends normally, goes to the runner's reporter. Each exactly once.
 */
class OwnCancellationCleanupFailureTest {
    private static final Duration LONG = Duration.ofHours(1);

    /** A resource whose close fails. */
    private static AutoCloseable failingClose() {
        return () -> {
            throw new IllegalStateException("close failed");
        };
    }

    /** How many times a throwable with {@code message} occurs in {@code t}'s causes and suppressed, at any depth. */
    static int occurrences(Throwable t, String message) {
        return occurrences(t, message, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static int occurrences(Throwable t, String message, Set<Throwable> seen) {
        if (t == null || !seen.add(t)) {
            return 0;
        }
        int n = message.equals(t.getMessage()) ? 1 : 0;
        for (Throwable s : t.getSuppressed()) {
            n += occurrences(s, message, seen);
        }
        return n + occurrences(t.getCause(), message, seen);
    }

    @Test
    @SuppressWarnings("try") // the resource is there for its failing close
    void aCloseFailureInTheBodyOfAGroupAbortedByAChildRidesOnTheGroupsException() {
        CountDownLatch inside = new CountDownLatch(1);
        Recorder reports = new Recorder();
        Throwable thrown = catchThrowable(() -> Runner.create(reports.config()).run(() -> TaskGroup.run("work", g -> {
            g.spawn("failing", () -> {
                inside.await();
                throw new IllegalArgumentException("child failed");
            });
            try (AutoCloseable resource = failingClose()) {
                inside.countDown();
                Gyre.sleep(LONG); // the group's abort cancels the body here
            }
            return "never";
        })));
        assertThat(thrown).isInstanceOf(TaskGroupException.class);
        assertThat(((TaskGroupException) thrown).failures()).extracting(Throwable::getMessage)
                .containsExactly("child failed");
        assertThat(occurrences(thrown, "close failed")).as("the body's close failure on %s", thrown).isEqualTo(1);
        assertThat(reports.reports()).isEmpty();
    }

    @Test
    @SuppressWarnings("try") // the resource is there for its failing close
    void aCloseFailureInTheBodyOfACancelledGroupIsReportedWhenTheGroupEndsNormally() {
        Recorder reports = new Recorder();
        String value = Runner.create(reports.config()).run(() -> {
            TaskGroup.run("work", g -> {
                g.cancel("test: enough");
                try (AutoCloseable resource = failingClose()) {
                    Gyre.sleep(LONG); // the group's cancellation ends the body here
                }
                return "never";
            });
            return "the group ended normally";
        });
        assertThat(value).isEqualTo("the group ended normally");
        assertThat(reports.of(Report.TaskFailed.class)).as("the runner's reports").singleElement().satisfies(r -> {
            assertThat(r.task()).isEqualTo("main");
            assertThat(r.during()).contains("cleanup", "task group 'work'");
            assertThat(occurrences(r.failure(), "close failed")).as("in %s", r.failure()).isEqualTo(1);
        });
        assertThat(reports.reports()).hasSize(1);
    }

    @Test
    @SuppressWarnings("try") // the resource is there for its failing close
    void aCloseFailureWhileFailAfterCancelsTheBodyRidesOnTheDeadlineExceededException() {
        Throwable thrown = catchThrowable(() -> Gyre.run(() -> Timeout.failAfter(Duration.ZERO, t -> {
            try (AutoCloseable resource = failingClose()) {
                Gyre.sleep(LONG);
            }
            return "never";
        })));
        assertThat(thrown).isInstanceOf(DeadlineExceededException.class);
        assertThat(occurrences(thrown, "close failed")).as("the close failure on %s", thrown).isEqualTo(1);
    }

    @Test
    @SuppressWarnings("try") // the resource is there for its failing close
    void aCloseFailureWhileMoveOnAfterCancelsTheBodyIsReported() {
        Recorder reports = new Recorder();
        Optional<String> value = Runner.create(reports.config()).run(() -> Timeout.moveOnAfter(Duration.ZERO, t -> {
            try (AutoCloseable resource = failingClose()) {
                Gyre.sleep(LONG);
            }
            return "never";
        }));
        assertThat(value).as("the deadline's cancellation is still swallowed").isEmpty();
        assertThat(reports.of(Report.TaskFailed.class)).as("the runner's reports").singleElement().satisfies(r -> {
            assertThat(r.task()).isEqualTo("main");
            assertThat(r.during()).contains("cleanup", "Timeout.moveOnAfter");
            assertThat(occurrences(r.failure(), "close failed")).as("in %s", r.failure()).isEqualTo(1);
        });
        assertThat(reports.reports()).hasSize(1);
    }

    @Test
    @SuppressWarnings("try") // the resource is there for its failing close
    void aCloseFailureOnAJdkInterruptIsKeptWhenTheInterruptBecomesTheDeadlinesCancellation() {
        Throwable thrown = catchThrowable(() -> Gyre.run(() -> Timeout.failAfter(Duration.ZERO, t -> {
            try (AutoCloseable resource = failingClose()) {
                Thread.sleep(LONG); // a JDK blocking call: the deadline surfaces as InterruptedException
            }
            return "never";
        })));
        assertThat(thrown).isInstanceOf(DeadlineExceededException.class);
        assertThat(occurrences(thrown, "close failed")).as("the close failure on %s", thrown).isEqualTo(1);
    }

    @Test
    @SuppressWarnings("try") // the resource is there for its failing close
    void aCloseFailureInAShieldWhoseBoundPassedRidesOnTheCancellationItLetsThrough() {
        Throwable thrown = catchThrowable(() -> Gyre.run(() -> Timeout.failAfter(Duration.ZERO, t ->
                Cancellation.shield(Duration.ZERO, () -> {
                    try (AutoCloseable resource = failingClose()) {
                        Thread.sleep(LONG); // the shield's bound passed: the deadline's interrupt comes through
                    }
                    return "never";
                }))));
        assertThat(thrown).isInstanceOf(DeadlineExceededException.class);
        assertThat(occurrences(thrown, "close failed")).as("the close failure on %s", thrown).isEqualTo(1);
    }
}
