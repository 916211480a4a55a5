package io.gyre.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.gyre.runtime.Loop;
import io.gyre.runtime.Report;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WatchdogStopTest {
    @Test
    void stoppingRightAfterAReportedCallbackEndedStillReportsItsEnd() throws Exception {
        LoopImpl loop = (LoopImpl) Loop.create("watched");
        loop.start();
        List<Report> reports = new CopyOnWriteArrayList<>();
        Watchdog dog = new Watchdog("watched-watchdog", List.of(loop), Duration.ofMillis(20), reports::add);
        dog.start();
        CountDownLatch release = new CountDownLatch(1);
        try {
            loop.callSoon("the slow one", () -> {
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (reports.isEmpty() && System.nanoTime() < deadline) {
                Thread.onSpinWait(); // polling: the report is the event, and it comes from the watchdog's thread
            }
            assertThat(reports).singleElement().isInstanceOf(Report.BlockedLoop.class);
            release.countDown();
            while (loop.watch().current() != null && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            // stop at once, well within the watchdog's next tick, as a runner closing right after does
            dog.stop();
            assertThat(reports).hasSize(2).last().isInstanceOfSatisfying(Report.BlockedLoopEnded.class,
                    end -> assertThat(end.description()).isEqualTo("the slow one"));
        } finally {
            release.countDown();
            dog.stop();
            loop.stop("test end");
            loop.awaitClosed(Duration.ofSeconds(10));
        }
    }
}
