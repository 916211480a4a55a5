package io.gyre.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the reloader and its app process end together: no app process outlives the reloader, and
 * the reloader's exit code is the app's.
 */
class ReloadSignalTest {
    @TempDir
    Path dir;

    private ReloadProcess serve(String startup) throws Exception {
        Path classes = CompiledApp.compile(dir.resolve("classes"), ReloadServeTest.app("v1", startup));
        ReloadProcess reload = ReloadProcess.start(dir, "demo.reload.App", "--app-path", classes.toString());
        reload.awaitBody("/version", "v1");
        return reload;
    }

    @Test
    void sigtermToTheReloaderStopsTheAppGracefullyAndLeavesNoProcess() throws Exception {
        try (ReloadProcess reload = serve("")) {
            List<ProcessHandle> children = reload.children();
            assertThat(children).isNotEmpty();
            assertThat(reload.terminate()).isZero();
            assertThat(children).noneMatch(ProcessHandle::isAlive);
            assertThat(reload.lines(l -> l.contains("lifespan shutdown of v1"))).as(reload.output()).hasSize(1);
        }
    }

    @Test
    void theAppsExitCodeIsTheReloaders() throws Exception {
        try (ReloadProcess reload = serve("Runtime.getRuntime().addShutdownHook(new Thread(() ->"
                + " Runtime.getRuntime().halt(7)));")) {
            assertThat(reload.terminate()).isEqualTo(7);
        }
    }

    @Test
    void theAppStopsByItselfWhenTheReloaderIsKilled() throws Exception {
        try (ReloadProcess reload = serve("")) {
            List<ProcessHandle> children = reload.children();
            assertThat(children).isNotEmpty();
            reload.process().destroyForcibly(); // SIGKILL: the reloader cannot stop its app
            for (ProcessHandle child : children) {
                child.onExit().get(ReloadProcess.DEADLINE.toSeconds(), TimeUnit.SECONDS);
            }
            reload.awaitLine(l -> l.contains("has gone; stopping the app"));
        }
    }
}
