package io.gyre.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gyre.server.Handler;
import io.gyre.server.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class GyreCliTest {
    /** An app given as a factory. */
    public static final class Factory {
        /** @return the app */
        public static Handler app() {
            return (rq, rs) -> rs.send("factory");
        }
    }

    private static ServerConfig parse(Map<String, String> env, String... args) {
        CommandLine.ParseResult r = new CommandLine(GyreCli.serveSpec()).parseArgs(args);
        return GyreCli.config(r, env);
    }

    @Test
    void flagsAndEnvironmentSetOptionsAndFlagsWin() {
        ServerConfig c = parse(Map.of("GYRE_GRACEFUL_TIMEOUT", "7s", "GYRE_PORT", "9000"), "x.App", "--port", "0",
                "--access-log", "--forwarded-allow-ips", "10.0.0.0/8,127.0.0.1", "--max-body-bytes", "2m");
        assertThat(c.port()).isZero();
        assertThat(c.gracefulTimeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(c.accessLog()).isTrue();
        assertThat(c.forwardedAllowIps()).isEqualTo(List.of("10.0.0.0/8", "127.0.0.1"));
        assertThat(c.maxBodyBytes()).isEqualTo(2L * 1024 * 1024);
    }

    @Test
    void everyOptionHasAFlag() {
        CommandLine.Model.CommandSpec spec = GyreCli.serveSpec();
        for (ServerConfig.Option o : ServerConfig.options()) {
            assertThat(spec.findOption(o.flag())).as(o.flag()).isNotNull();
        }
    }

    @Test
    void appsLoadFromHandlersAndFactories() {
        ClassLoader l = getClass().getClassLoader();
        assertThat(AppLoader.load(Factory.class.getName(), l)).isNotNull();
        assertThat(AppLoader.load(Factory.class.getName() + ":app", l)).isNotNull();
        assertThatThrownBy(() -> AppLoader.load("no.such.App", l)).hasMessageContaining("cannot load app class");
        assertThatThrownBy(() -> AppLoader.load(String.class.getName(), l)).hasMessageContaining("is not an app");
    }

    private record Run(int code, String out, String err) {
    }

    private static Run run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        int code = GyreCli.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintWriter(err, true));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString());
    }

    @Test
    void badOptionValueIsAUsageErrorNamingTheFlag() {
        Run r = run(Map.of(), "serve", Factory.class.getName(), "--graceful-timeout", "soon");
        assertThat(r.code()).isEqualTo(GyreCli.EXIT_USAGE);
        assertThat(r.err()).contains("--graceful-timeout must be a duration like 30s", "'soon'");
        Run port = run(Map.of(), "serve", Factory.class.getName(), "--port", "70000");
        assertThat(port.code()).isEqualTo(GyreCli.EXIT_USAGE);
        assertThat(port.err()).contains("--port must be in 0..65535: 70000");
    }

    @Test
    void anOutOfRangeEnvironmentValueNamesTheVariable() {
        Run r = run(Map.of("GYRE_PORT", "70000"), "serve", Factory.class.getName());
        assertThat(r.code()).isEqualTo(GyreCli.EXIT_USAGE);
        assertThat(r.err()).contains("environment variable GYRE_PORT must be in 0..65535: 70000");
    }

    @Test
    void aFlagWinsOverAnInvalidEnvironmentValue() {
        ServerConfig c = parse(Map.of("GYRE_PORT", "abc", "GYRE_MAX_HEADER_BYTES", "1"), "x.App", "--port", "0",
                "--max-header-bytes", "32k");
        assertThat(c.port()).isZero();
        assertThat(c.maxHeaderBytes()).isEqualTo(32 * 1024);
    }

    @Test
    void aSizeTooLargeForItsOptionIsAUsageErrorNotACrash() {
        Run r = run(Map.of(), "serve", Factory.class.getName(), "--max-header-bytes", "10g");
        assertThat(r.code()).isEqualTo(GyreCli.EXIT_USAGE);
        assertThat(r.err()).contains("--max-header-bytes is too large: '10g'");
        Run env = run(Map.of("GYRE_WRITE_HIGH_WATERMARK", "4g"), "serve", Factory.class.getName());
        assertThat(env.err()).contains("environment variable GYRE_WRITE_HIGH_WATERMARK is too large: '4g'");
    }

    @Test
    void aBooleanFlagGivenAloneBeforeTheAppLeavesTheAppAlone() {
        CommandLine.ParseResult r = new CommandLine(GyreCli.serveSpec()).parseArgs("--access-log", "x.App",
                "--server-header", "false", "--date-header=no");
        assertThat(r.matchedPositional(0).<String>getValue()).isEqualTo("x.App");
        ServerConfig c = GyreCli.config(r, Map.of());
        assertThat(c.accessLog()).isTrue();
        assertThat(c.serverHeader()).isFalse();
        assertThat(c.dateHeader()).isFalse();
    }

    @Test
    void aMissingAppIsAUsageError() {
        for (String command : new String[] {"serve", "openapi"}) {
            Run r = run(Map.of(), command);
            assertThat(r.code()).as(command).isEqualTo(GyreCli.EXIT_USAGE);
            assertThat(r.err()).as(command).contains("Missing required parameter: 'APP'", "gyre " + command + " --help");
        }
    }

    @Test
    void anUnknownFlagSuggestsTheNearestOneAndPointsToHelp() {
        Run r = run(Map.of(), "serve", Factory.class.getName(), "--prot", "80");
        assertThat(r.code()).isEqualTo(GyreCli.EXIT_USAGE);
        assertThat(r.err()).contains("'--prot'", "Did you mean --port?", "Run 'gyre serve --help'");
        assertThat(r.err().lines().count()).as(r.err()).isLessThan(6);
    }

    @Test
    void helpGoesToStandardOutputAndListsEveryOptionWithItsVariable() {
        Run r = run(Map.of(), "serve", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.err()).isEmpty();
        for (ServerConfig.Option o : ServerConfig.options()) {
            assertThat(r.out()).contains(o.flag(), o.env());
        }
        Run top = run(Map.of(), "--help");
        assertThat(top.code()).isZero();
        assertThat(top.out()).contains("serve", "openapi");
    }
}
