package io.gyre.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.gyre.runtime.Gyre;
import io.gyre.runtime.Report;
import io.gyre.runtime.RunnerConfig;
import io.gyre.runtime.TaskGroup;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PinnedWatchTest {

    /**
     * Since JDK 24 a virtual thread no longer pins inside {@code synchronized}; it still pins
     * while a class initializer is on its stack, so blocking in one pins deterministically.
     */
    static final class SlowToInitialize {
        static {
            try {
                Thread.sleep(60);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        static void touch() {
            // running the static initializer is the point
        }
    }

    @Test
    void aTaskThatPinsItsCarrierIsReportedByNameWithTheStack() throws Exception {
        BlockingQueue<Report.PinnedThread> pins = new LinkedBlockingQueue<>();
        RunnerConfig config = RunnerConfig.builder().name("pins").loops(1).watchPinned(true)
                .pinnedThreshold(Duration.ofMillis(20))
                .reporter(r -> {
                    if (r instanceof Report.PinnedThread p) {
                        pins.add(p);
                    }
                }).build();
        Report.PinnedThread pin = Gyre.run(config, () -> {
            PinnedWatch watch = RuntimeCore.current().services().pinnedWatch().orElseThrow();
            assertThat(watch.awaitStarted(Duration.ofSeconds(20))).isTrue();
            assertThat(watch.recording()).isTrue();
            TaskGroup.run(g -> g.spawn("pinner", SlowToInitialize::touch).join());
            return pins.poll(20, TimeUnit.SECONDS);
        });
        assertThat(pin).as("a pinned-thread report").isNotNull();
        assertThat(pin.thread()).isEqualTo("pinner");
        assertThat(pin.task()).contains("pinner");
        assertThat(pin.pinned()).isGreaterThanOrEqualTo(Duration.ofMillis(20));
        assertThat(pin.stack()).anySatisfy(f -> assertThat(f.getMethodName()).isEqualTo("<clinit>"));
        assertThat(pin.describe()).contains("task 'pinner' was pinned", "Offload.run");
    }

    @Test
    void aWatchClosedBeforeItsStartDelayNeverOpensAStream() throws Exception {
        BlockingQueue<Report> reports = new LinkedBlockingQueue<>();
        PinnedWatch watch = new PinnedWatch("closed-early-jfr", Duration.ofMillis(20), reports::add,
                thread -> java.util.Optional.empty());
        watch.start();
        watch.close();

        assertThat(watch.awaitStarted(Duration.ofSeconds(20))).isTrue();
        assertThat(watch.recording()).isFalse();
        assertThat(reports).isEmpty();
    }

    @Test
    void pinnedThreadsAreNotWatchedOutsideDebugModeByDefault() {
        boolean watching = Gyre.run(RunnerConfig.builder().name("quiet").loops(1).debug(false).build(),
                () -> RuntimeCore.current().services().pinnedWatch().isPresent());
        assertThat(watching).isFalse();
        if (System.getenv("GYRE_WATCH_PINNED") == null) {
            assertThat(RunnerConfig.builder().debug(true).build().watchPinned()).isTrue();
        }
        assertThat(RunnerConfig.builder().debug(false).watchPinned(true).build().watchPinned()).isTrue();
    }
}
