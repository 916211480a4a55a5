package io.gyre.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** {@code --reload}, {@code --reload-dir} and their variables, and the app process's command line. */
class ReloadOptionsTest {
    private static ParseResult parse(String... args) {
        return new CommandLine(GyreCli.serveSpec()).parseArgs(args);
    }

    private static String usageError(Map<String, String> env, String... args) {
        StringWriter err = new StringWriter();
        int code = GyreCli.run(args, env, new PrintStream(PrintStream.nullOutputStream()), new PrintWriter(err, true));
        assertThat(code).as(err.toString()).isEqualTo(GyreCli.EXIT_USAGE);
        return err.toString();
    }

    @Test
    void reloadWithNothingToWatchIsAUsageErrorThatNamesTheAppPath() {
        assertThat(usageError(Map.of(), "serve", "--reload", "demo.App"))
                .contains("--reload has nothing to watch").contains("--app-path target/classes");
    }

    @Test
    void aReloadDirThatDoesNotExistIsAUsageError() {
        assertThat(usageError(Map.of(), "serve", "--reload", "--reload-dir", "no-such-dir", "demo.App"))
                .contains("--reload-dir 'no-such-dir' is not a directory");
    }

    @Test
    void aReloadDirWithoutReloadIsAUsageErrorOnTheCommandLineAndIgnoredFromTheEnvironment() {
        assertThat(usageError(Map.of(), "serve", "--reload-dir", "target", "demo.App"))
                .contains("--reload-dir names a directory for --reload to watch, but --reload is off");
        assertThat(ReloadOptions.of(parse("--reload-dir", "target", "demo.App"), Map.of("GYRE_RELOAD", "true"))
                .dirs()).hasSize(1);
        assertThat(ReloadOptions.of(parse("demo.App"), Map.of("GYRE_RELOAD_DIRS", "target")).enabled()).isFalse();
    }

    @Test
    void theEnvironmentTurnsReloadOnUnlessTheFlagSaysOtherwise() {
        assertThat(ReloadOptions.of(parse("demo.App"), Map.of("GYRE_RELOAD", "yes")).enabled()).isTrue();
        assertThat(ReloadOptions.of(parse("--reload=false", "demo.App"), Map.of("GYRE_RELOAD", "yes")).enabled())
                .isFalse();
        assertThatThrownBy(() -> ReloadOptions.of(parse("demo.App"), Map.of("GYRE_RELOAD", "maybe")))
                .hasMessageContaining("environment variable GYRE_RELOAD: 'maybe' is not true or false");
    }

    @Test
    void theAppProcessNeverReloadsItself() {
        assertThat(ReloadOptions.of(parse("--reload", "demo.App"), Map.of(ReloadOptions.SUPERVISOR_ENV, "1"))
                .enabled()).isFalse();
    }

    @Test
    void theAppProcessGetsTheAbsoluteAppPathAndTheFixedPortButNoReloadFlags() {
        ParseResult serve = parse("--reload", "--app-path", "target/test-classes", "--reload-dir", "target",
                "--port", "0", "--access-log", "false", "demo.App");
        AppPath appPath = AppPath.of(serve, Map.of());
        List<String> command = AppProcess.command(serve, 8123, appPath);
        String absolute = Path.of("target/test-classes").toAbsolutePath().normalize().toString();
        assertThat(command).contains("--app-path=" + absolute, "--port=8123", "--access-log=false")
                .noneMatch(a -> a.startsWith("--reload") || a.equals("--port=0"));
        assertThat(command.getLast()).isEqualTo("demo.App");
    }
}
