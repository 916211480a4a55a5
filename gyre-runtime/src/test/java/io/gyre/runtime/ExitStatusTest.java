package io.gyre.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ExitStatusTest {

    private static Runner runner(ReportWaiter reports) {
        return Runner.create(RunnerConfig.builder().name("exit").loops(1).reporter(reports).build());
    }

    @Test
    void aMainThatReturnsIsClean() {
        assertThat(runner(new ReportWaiter()).runForStatus(() -> "fine")).isEqualTo(ExitStatus.CLEAN);
        assertThat(ExitStatus.CLEAN.code()).isZero();
    }

    @Test
    void aMainThatFailsIsFailedAndItsFailureIsReported() throws Exception {
        ReportWaiter reports = new ReportWaiter();
        IllegalStateException boom = new IllegalStateException("boom");
        assertThat(runner(reports).runForStatus(() -> {
            throw boom;
        })).isEqualTo(ExitStatus.FAILED);
        assertThat(reports.await(Report.TaskFailed.class).failure()).isSameAs(boom);
        assertThat(ExitStatus.FAILED.code()).isEqualTo(1);
    }

    @Test
    void aMainCancelledByARequestedShutdownIsClean() {
        Runner r = runner(new ReportWaiter());
        ExitStatus status = r.runForStatus(() -> {
            Runner.current().orElseThrow().shutdown("operator asked");
            Gyre.sleep(Duration.ofSeconds(30));
            return null;
        });
        assertThat(status).isEqualTo(ExitStatus.CLEAN);
    }

    @Test
    void aMainThatTurnsTheShutdownIntoAFailureIsFailed() {
        ExitStatus status = runner(new ReportWaiter()).runForStatus(() -> {
            Runner.current().orElseThrow().shutdown("operator asked");
            try {
                Gyre.sleep(Duration.ofSeconds(30));
            } catch (CancelledException e) {
                throw new IllegalStateException("could not flush the journal", e);
            }
            return null;
        });
        assertThat(status).isEqualTo(ExitStatus.FAILED);
        assertThat(ExitStatus.FORCED.code()).isEqualTo(3);
    }

    @Test
    void signalCallbacksNeedARunningRunnerAndAHandleableSignal() {
        assertThatThrownBy(() -> Signals.on("HUP", () -> { }))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("outside any Gyre runner");
        assertThatThrownBy(() -> Gyre.run(RunnerConfig.builder().loops(1).build(), () -> Signals.on("QUIT", () -> { })))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SIGQUIT")
                .hasMessageContaining("SIGHUP");
    }
}
