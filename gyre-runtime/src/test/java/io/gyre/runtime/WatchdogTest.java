package io.gyre.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WatchdogTest {

    private static RunnerConfig config(ReportWaiter reports, Duration threshold) {
        return RunnerConfig.builder().name("dog").loops(1).reporter(reports).blockedThreshold(threshold).build();
    }

    @Test
    void aBlockedCallbackIsReportedWhileStillRunningWithTheLoopStackThenWithItsTotal() throws Exception {
        ReportWaiter reports = new ReportWaiter();
        CountDownLatch seen = new CountDownLatch(1);
        CountDownLatch ended = new CountDownLatch(1);
        Gyre.run(config(reports, Duration.ofMillis(40)), () -> {
            Loop loop = Runner.current().orElseThrow().loops().loops().getFirst();
            loop.callSoon("parse a huge header", () -> {
                try {
                    blockUntil(seen);
                } finally {
                    ended.countDown();
                }
            });
            Report.BlockedLoop blocked = reports.await(Report.BlockedLoop.class);
            assertThat(ended.getCount()).as("reported while still running").isEqualTo(1);
            seen.countDown();
            assertThat(blocked.loop()).isEqualTo("dog-loop-0");
            assertThat(blocked.description()).isEqualTo("parse a huge header");
            assertThat(blocked.running()).isGreaterThanOrEqualTo(Duration.ofMillis(40));
            assertThat(blocked.stack()).anySatisfy(f -> assertThat(f.getMethodName()).isEqualTo("blockUntil"));
            assertThat(blocked.describe()).contains("dog-loop-0", "parse a huge header", "Offload.run");
            return null;
        });
        // the runner's close waits for the watchdog's last pass, so the end is reported by the time
        // run() returns, however soon after the callback's end the close came
        assertThat(reports.all(Report.BlockedLoopEnded.class)).as("end reports once run() returned").hasSize(1);
        Report.BlockedLoopEnded end = reports.all(Report.BlockedLoopEnded.class).getFirst();
        assertThat(end.description()).isEqualTo("parse a huge header");
        assertThat(end.total()).isGreaterThanOrEqualTo(Duration.ofMillis(40));
    }

    private static void blockUntil(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void shortCallbacksAreNotReported() throws Exception {
        ReportWaiter reports = new ReportWaiter();
        CountDownLatch seen = new CountDownLatch(1);
        // a threshold no short callback reaches even when the machine deschedules the loop thread
        Gyre.run(config(reports, Duration.ofMillis(500)), () -> {
            Loop loop = Runner.current().orElseThrow().loops().loops().getFirst();
            for (int i = 0; i < 200; i++) {
                loop.callSoon("short " + i, () -> { });
            }
            loop.callSoon("the slow one", () -> blockUntil(seen));
            reports.await(Report.BlockedLoop.class);
            seen.countDown();
            return null;
        });
        assertThat(reports.all(Report.BlockedLoop.class)).extracting(Report.BlockedLoop::description)
                .containsExactly("the slow one");
    }

    @Test
    void aZeroThresholdTurnsTheWatchdogOff() {
        boolean watching = Gyre.run(config(new ReportWaiter(), Duration.ZERO), () ->
                Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("dog-watchdog")));
        assertThat(watching).isFalse();
        boolean watchingByDefault = Gyre.run(config(new ReportWaiter(), Duration.ofMillis(100)), () ->
                Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("dog-watchdog")));
        assertThat(watchingByDefault).isTrue();
    }

    @Test
    void theBlockedThresholdDefaultsTo100Milliseconds() {
        if (System.getenv("GYRE_BLOCKED_THRESHOLD_MS") == null) {
            assertThat(RunnerConfig.defaults().blockedThreshold()).isEqualTo(Duration.ofMillis(100));
        }
        assertThat(RunnerConfig.builder().blockedThreshold(Duration.ofSeconds(1)).build().blockedThreshold())
                .isEqualTo(Duration.ofSeconds(1));
    }
}
