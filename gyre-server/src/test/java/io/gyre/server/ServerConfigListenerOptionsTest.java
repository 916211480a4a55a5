package io.gyre.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gyre.runtime.RunnerConfig;
import java.nio.file.Path;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The listener options {@code --uds} and {@code --fd}: spellings, checks, and what they replace. */
@Timeout(30)
class ServerConfigListenerOptionsTest {
    @TempDir
    Path dir;

    @Test
    void udsAndFdAreSpelledLikeEveryOtherOption() {
        assertThat(ServerConfig.options()).anySatisfy(o -> {
            assertThat(o.name()).isEqualTo("uds");
            assertThat(o.flag()).isEqualTo("--uds");
            assertThat(o.env()).isEqualTo("GYRE_UDS");
            assertThat(o.defaultValue()).isEmpty();
        }).anySatisfy(o -> {
            assertThat(o.name()).isEqualTo("fd");
            assertThat(o.flag()).isEqualTo("--fd");
            assertThat(o.env()).isEqualTo("GYRE_FD");
        });
        ServerConfig fromEnv = ServerConfig.builder().applyEnvironment(Map.of("GYRE_UDS", "/run/app.sock")).build();
        assertThat(fromEnv.uds()).isEqualTo("/run/app.sock");
        assertThat(fromEnv.fd()).isEqualTo(-1);
        assertThat(ServerConfig.builder().set("fd", "0", "--fd").build().fd()).isZero();
        assertThat(ServerConfig.builder().set("--uds", "app.sock").build().uds()).isEqualTo("app.sock");
        assertThat(ServerConfig.defaults().uds()).isEmpty();
    }

    @Test
    void aDescriptorOtherThanStandardInputIsRefusedWithTheReason() {
        assertThatThrownBy(() -> ServerConfig.builder().set("fd", "3", "--fd"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--fd must be 0, a listening socket inherited on standard input (got 3)")
                .hasMessageContaining("the JDK can adopt only the channel inherited on standard input")
                .hasMessageContaining("StandardInput=socket");
    }

    @Test
    void aSocketFileAndAnInheritedSocketTogetherAreRefused() {
        assertThatThrownBy(() -> ServerConfig.builder().uds("/run/app.sock").fd(0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("uds and fd both name a listener (uds '/run/app.sock', fd 0): give one of them");
    }

    @Test
    void standardInputThatIsNotASocketIsExplained() {
        // the test JVM's standard input is a pipe or a terminal, never a listening socket
        assertThatThrownBy(() -> HttpServer.builder().handler((rq, rs) -> rs.send("x")).configure(c -> c.fd(0))
                .build().runInBackground(RunnerConfig.builder().name("fd").loops(1).handleSignals(false).build()))
                .isInstanceOf(ServerStartupException.class)
                .hasMessageContaining("cannot listen on the socket inherited on standard input (--fd 0)")
                .hasMessageContaining("standard input is not a socket")
                .hasMessageContaining("StandardInput=socket");
    }

    @Test
    void aHostAndPortGivenWithASocketFileAreIgnoredWithAWarning() throws Exception {
        Path socket = dir.resolve("w.sock");
        try (LogRecords log = LogRecords.ofServer();
                TestServer s = TestServer.start(HttpServer.builder().handler((rq, rs) -> rs.send("x"))
                        .configure(c -> c.host("0.0.0.0").port(9000).uds(socket.toString())))) {
            assertThat(s.server().isReady()).isTrue();
            assertThat(log.all()).anySatisfy(r -> {
                assertThat(r.getLevel()).isEqualTo(Level.WARNING);
                assertThat(r.getMessage()).isEqualTo("host 0.0.0.0 and port 9000 are ignored: the server listens on"
                        + " the socket file " + socket + " (--uds) instead. Drop --host/--port (GYRE_HOST, GYRE_PORT)"
                        + " to silence this.");
            }).anySatisfy(r -> assertThat(r.getMessage()).startsWith("Gyre server listening on unix:" + socket + " ("));
        }
    }
}
