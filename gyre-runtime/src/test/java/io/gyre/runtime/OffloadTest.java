package io.gyre.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OffloadTest {
    private static final ScopedValue<String> REQUEST_ID = ScopedContext.propagate(ScopedValue.newInstance());

    private static RunnerConfig config(ReportWaiter reports) {
        return RunnerConfig.builder().name("offload-test").loops(1).reporter(reports)
                .shutdownGrace(Duration.ofMillis(300)).build();
    }

    @Test
    void offloadedWorkRunsOnAPlatformPoolThreadAndReturnsItsResult() {
        String where = Gyre.run(config(new ReportWaiter()), () -> Offload.run("where", () -> {
            Thread t = Thread.currentThread();
            return (t.isVirtual() ? "virtual " : "platform ") + t.getName();
        }));
        assertThat(where).isEqualTo("platform offload-test-offload-1");
    }

    @Test
    void offloadedWorkSeesTheCallersScopedValues() throws Exception {
        String seen = ScopedValue.where(REQUEST_ID, "req-7").call(() ->
                Gyre.run(config(new ReportWaiter()), () -> Offload.run(() -> REQUEST_ID.get())));
        assertThat(seen).isEqualTo("req-7");
    }

    @Test
    void anUncheckedFailureIsRethrownAsItIs() {
        IllegalStateException boom = new IllegalStateException("boom");
        assertThatThrownBy(() -> Gyre.run(config(new ReportWaiter()), () -> Offload.run("fail", () -> {
            throw boom;
        }))).isSameAs(boom);
    }

    @Test
    void aCheckedFailureIsWrappedInTaskFailedExceptionWithTheCause() {
        IOException io = new IOException("disk gone");
        assertThatThrownBy(() -> Gyre.run(config(new ReportWaiter()), () -> Offload.run("read file", () -> {
            throw io;
        }))).isInstanceOf(TaskFailedException.class).hasCause(io).hasMessageContaining("read file");
    }

    @Test
    void cancellingTheWaiterReturnsAtOnceAndInterruptsTheWorker() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        String outcome = Gyre.run(config(new ReportWaiter()), () -> TaskGroup.run(g -> {
            Task<String> waiter = g.spawn("waiter", () -> Offload.run("wait forever", () -> {
                started.countDown();
                try {
                    never.await();
                    return "released";
                } catch (InterruptedException e) {
                    interrupted.countDown();
                    throw e;
                }
            }));
            started.await();
            waiter.cancel("test is done waiting");
            try {
                waiter.join();
                return "joined";
            } catch (CancelledException e) {
                return e.getMessage();
            }
        }));
        assertThat(outcome).contains("test is done waiting");
        assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void workThatIgnoresTheInterruptIsReportedAtShutdownWithItsStack() throws Exception {
        ReportWaiter reports = new ReportWaiter();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try {
            Gyre.run(config(reports), () -> {
                Runner.current().orElseThrow().root().spawn("stubborn-owner", () -> Offload.run("stubborn job",
                        () -> {
                            started.countDown();
                            awaitIgnoringInterrupts(release);
                            return null;
                        }));
                started.await();
                return null;
            });
            Report.OffloadStraggler r = reports.await(Report.OffloadStraggler.class);
            assertThat(r.job()).isEqualTo("stubborn job");
            assertThat(r.task()).isEqualTo("stubborn-owner");
            assertThat(r.thread()).startsWith("offload-test-offload-");
            assertThat(r.stack()).anySatisfy(f -> assertThat(f.getMethodName()).isEqualTo("awaitIgnoringInterrupts"));
            assertThat(r.describe()).contains("still running", "stubborn job", "InterruptedException");
        } finally {
            release.countDown();
        }
    }

    private static void awaitIgnoringInterrupts(CountDownLatch latch) {
        while (true) {
            try {
                latch.await();
                return;
            } catch (InterruptedException e) {
                // deliberately ignored: this is the misbehaviour under test
            }
        }
    }

    @Test
    void thePoolNeverRunsMoreThreadsThanConfigured() {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        CyclicBarrier pairs = new CyclicBarrier(2);
        RunnerConfig two = RunnerConfig.builder().name("two").loops(1).offloadThreads(2).build();
        Gyre.run(two, () -> TaskGroup.run(g -> {
            for (int i = 0; i < 6; i++) {
                g.spawn("job-" + i, () -> Offload.run("pair up", () -> {
                    threads.add(Thread.currentThread().getName());
                    pairs.await(10, TimeUnit.SECONDS);
                    return null;
                }));
            }
            return null;
        }));
        assertThat(threads).containsExactlyInAnyOrder("two-offload-1", "two-offload-2");
    }

    @Test
    void offloadingOutsideATaskExplainsWhereToCallIt() {
        assertThatThrownBy(() -> Offload.run("x", () -> 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not a Gyre task").hasMessageContaining("Gyre.run");
    }

    @Test
    void offloadThreadsDefaultsToProcessorsPlusFourCappedAt32() {
        if (System.getenv("GYRE_OFFLOAD_THREADS") == null) {
            assertThat(RunnerConfig.defaults().offloadThreads())
                    .isEqualTo(Math.min(32, Runtime.getRuntime().availableProcessors() + 4));
        }
        assertThatThrownBy(() -> RunnerConfig.builder().offloadThreads(0).build())
                .hasMessageContaining("offloadThreads");
    }
}
