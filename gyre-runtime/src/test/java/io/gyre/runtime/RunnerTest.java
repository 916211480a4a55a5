package io.gyre.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RunnerTest {

    @Test
    void runReturnsWhatTheMainFunctionReturned() {
        assertThat(Gyre.run(() -> "hello")).isEqualTo("hello");
    }

    @Test
    void runRethrowsAnUncheckedFailureAsItIs() {
        IllegalArgumentException boom = new IllegalArgumentException("boom");
        assertThatThrownBy(() -> Gyre.run(() -> {
            throw boom;
        })).isSameAs(boom);
    }

    @Test
    void runWrapsACheckedFailureInTaskFailedException() {
        assertThatThrownBy(() -> Gyre.run(() -> {
            throw new IOException("disk");
        })).isInstanceOf(TaskFailedException.class).hasCauseInstanceOf(IOException.class)
                .hasMessageContaining("'main'");
    }

    @Test
    void leftoverTasksAreCancelledAtShutdownAndTheirFailuresAreReportedNotThrown() throws Exception {
        Recorder rec = new Recorder();
        CountDownLatch started = new CountDownLatch(2);
        AtomicReference<String> seenReason = new AtomicReference<>();
        String result = Gyre.run(rec.config(), () -> {
            Scope root = Runner.current().orElseThrow().root();
            root.spawn("sleeper", () -> {
                started.countDown();
                try {
                    Gyre.sleep(Duration.ofHours(1));
                } catch (CancelledException e) {
                    seenReason.set(e.reason());
                    throw e;
                }
            });
            root.spawn("bad-cleanup", () -> {
                started.countDown();
                try {
                    Gyre.sleep(Duration.ofHours(1));
                } catch (CancelledException e) {
                    throw new IllegalStateException("cleanup exploded");
                }
            });
            started.await();
            return "done";
        });
        assertThat(result).isEqualTo("done");
        assertThat(seenReason.get()).contains("shutting down");
        assertThat(rec.of(Report.TaskFailed.class)).singleElement().satisfies(f -> {
            assertThat(f.task()).isEqualTo("bad-cleanup");
            assertThat(f.during()).isEqualTo("shutdown");
            assertThat(f.failure()).hasMessage("cleanup exploded");
        });
    }

    @Test
    void aStragglerThatIgnoresCancellationIsReportedWithItsNameAndCreationSite() {
        Recorder rec = new Recorder();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        RunnerConfig config = RunnerConfig.builder().reporter(rec).loops(1)
                .shutdownGrace(Duration.ofMillis(100)).cancelGrace(Duration.ZERO).build();
        try {
            Gyre.run(config, () -> {
                Runner.current().orElseThrow().root().spawn("stubborn", () -> {
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
                return null;
            });
            assertThat(rec.of(Report.Straggler.class)).singleElement().satisfies(s -> {
                assertThat(s.task()).isEqualTo("stubborn");
                assertThat(s.creationSite()).startsWith("RunnerTest.lambda$");
                assertThat(s.creationSite()).contains("RunnerTest.java:");
                assertThat(s.situation()).contains("shutdown grace of 100 ms");
                assertThat(s.stack()).anyMatch(e -> e.getClassName().contains("CountDownLatch"));
                assertThat(s.describe()).contains("ignores cancellation");
            });
        } finally {
            release.countDown();
        }
    }

    @Test
    void aCancelledTaskStillRunningAfterTheCancelGraceIsReported() throws Exception {
        Recorder rec = new Recorder();
        CountDownLatch release = new CountDownLatch(1);
        RunnerConfig config = RunnerConfig.builder().reporter(rec).loops(1).cancelGrace(Duration.ofMillis(50)).build();
        Gyre.run(config, () -> TaskGroup.run(g -> {
            CountDownLatch started = new CountDownLatch(1);
            Task<Void> t = g.spawn("deaf", () -> {
                started.countDown();
                while (release.getCount() > 0) {
                    try {
                        release.await();
                    } catch (InterruptedException ignored) {
                        // ignores the cancel on purpose
                    }
                }
            });
            started.await();
            t.cancel("test wants it gone");
            assertThat(rec.await()).isTrue();
            release.countDown();
            return null;
        }));
        assertThat(rec.of(Report.Straggler.class)).singleElement()
                .satisfies(s -> assertThat(s.situation()).contains("after it was cancelled (test wants it gone)"));
    }

    @Test
    void runningARunnerInsideARunningRunnerIsRefused() {
        assertThatThrownBy(() -> Gyre.run(() -> Gyre.run(() -> 1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Runners do not nest")
                .hasMessageContaining("task 'main'");
    }

    @Test
    void aRunnerRunsOnlyOnce() {
        Runner r = Runner.create();
        r.run(() -> 1);
        assertThatThrownBy(() -> r.run(() -> 2)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("runs once");
    }

    @Test
    void shutdownRequestCancelsTheMainTaskWithTheReason() throws Exception {
        Runner r = Runner.create();
        CountDownLatch started = new CountDownLatch(1);
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                started.await();
            } catch (InterruptedException e) {
                return;
            }
            r.shutdown("operator asked");
        });
        assertThatThrownBy(() -> r.run(() -> {
            started.countDown();
            Gyre.sleep(Duration.ofHours(1));
            return null;
        })).isInstanceOf(CancelledException.class).hasMessageContaining("operator asked");
        t.join();
    }

    @Test
    void loopsAreClosedAfterTheRunnerReturns() {
        Runner r = Runner.create(RunnerConfig.builder().loops(2).build());
        r.run(() -> null);
        assertThat(r.loops().loops()).allMatch(l -> l.state() == LoopState.CLOSED);
    }
}
