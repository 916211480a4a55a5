package io.gyre.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gyre serve --reload} in real processes: an app compiled at test time, changed while it is
 * served, and the answers of the app process the reloader starts again.
 */
class ReloadServeTest {
    @TempDir
    Path dir;

    /**
     * A web app that answers {@code GET /version} with {@code version}; its lifespan shutdown
     * writes a line naming the version; {@code startup} runs first in its factory.
     */
    static Map<String, String> app(String version, String startup) {
        return Map.of("demo/reload/App.java", """
                package demo.reload;

                import io.gyre.web.Get;
                import io.gyre.web.Routes;
                import io.gyre.web.WebApp;

                public final class App {
                    private App() {
                    }

                    @Routes(prefix = "/version")
                    public static final class Version {
                        public Version() {
                        }

                        @Get
                        public String version() {
                            return "VERSION";
                        }
                    }

                    public static WebApp app() {
                        STARTUP
                        return WebApp.builder("Reload", "1.0").routes(Version.class)
                                .lifespan(life -> life.resource((AutoCloseable) () ->
                                        System.err.println("lifespan shutdown of VERSION")))
                                .build();
                    }
                }
                """.replace("VERSION", version).replace("STARTUP", startup));
    }

    static Map<String, String> app(String version) {
        return app(version, "");
    }

    @Test
    void aRecompiledClassIsServedAfterTheOldAppShutsDownGracefully() throws Exception {
        Path classes = CompiledApp.compile(dir.resolve("classes"), app("v1"));
        try (ReloadProcess reload = ReloadProcess.start(dir, "demo.reload.App", "--app-path", classes.toString())) {
            reload.awaitBody("/version", "v1");
            CompiledApp.compile(classes, app("v2"));
            reload.awaitBody("/version", "v2");
            assertThat(reload.lines(l -> l.contains("Detected changes in demo/reload/App"))).hasSize(1);
            assertThat(reload.lines(l -> l.contains("lifespan shutdown of v1"))).hasSize(1);
            assertThat(reload.terminate()).isZero();
        }
    }

    @Test
    void aRelativeAppPathIsResolvedInTheDirectoryTheReloaderRunsIn() throws Exception {
        Path classes = CompiledApp.compile(dir.resolve("classes"), app("v1"));
        try (ReloadProcess reload = ReloadProcess.start(dir, "demo.reload.App", "--app-path", "classes")) {
            reload.awaitBody("/version", "v1");
            assertThat(reload.lines(l -> l.contains("watching for changes in [" + classes.toAbsolutePath() + "]")))
                    .hasSize(1);
            assertThat(reload.terminate()).isZero();
        }
    }

    @Test
    void aBrokenChangeLeavesTheReloaderWaitingAndTheNextGoodOneBringsTheAppBack() throws Exception {
        Path classes = CompiledApp.compile(dir.resolve("classes"), app("v1"));
        try (ReloadProcess reload = ReloadProcess.start(dir, "demo.reload.App", "--app-path", classes.toString())) {
            reload.awaitBody("/version", "v1");
            CompiledApp.compile(classes, app("broken",
                    "if (true) { throw new IllegalStateException(\"no database URL\"); }"));
            reload.awaitLine(l -> l.contains("The app exited with code 4; waiting for changes to fix the app"));
            assertThat(reload.output()).contains("no database URL");
            CompiledApp.compile(classes, app("v3"));
            reload.awaitBody("/version", "v3");
            assertThat(reload.lines(l -> l.contains(", restarting"))).hasSize(2);
            assertThat(reload.terminate()).isZero();
        }
    }

    @Test
    void manyFilesWrittenAtOnceGiveOneRestart() throws Exception {
        Path classes = CompiledApp.compile(dir.resolve("classes"), app("v1"));
        try (ReloadProcess reload = ReloadProcess.start(dir, "demo.reload.App", "--app-path", classes.toString())) {
            reload.awaitBody("/version", "v1");
            CompiledApp.compile(classes, app("v2")); // writes App.class and App$Version.class
            Path assets = Files.createDirectories(classes.resolve("assets"));
            for (int i = 0; i < 200; i++) {
                Files.writeString(assets.resolve("file" + i + ".txt"), "asset " + i, StandardCharsets.UTF_8);
            }
            reload.awaitBody("/version", "v2");
            // the whole burst of 202 files is in the one restart: 3 files named, the others counted
            assertThat(reload.lines(l -> l.contains(", restarting"))).singleElement().asString()
                    .contains("and 199 more files");
            assertThat(reload.terminate()).isZero();
        }
    }
}
