package io.gyre.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gyre.server.Handler;
import io.gyre.server.ServerConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
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

    @Test
    void badOptionValueIsAUsageErrorNamingTheOption() {
        StringWriter err = new StringWriter();
        int code = GyreCli.run(new String[] {"serve", Factory.class.getName(), "--graceful-timeout", "soon"}, Map.of(),
                new PrintWriter(err));
        assertThat(code).isNotZero();
        assertThat(err.toString()).contains("gracefulTimeout");
    }
}
