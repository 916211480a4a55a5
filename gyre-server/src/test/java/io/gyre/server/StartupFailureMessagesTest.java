package io.gyre.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gyre.runtime.RunnerConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A server that cannot start says why and what to do, naming the option to change. */
class StartupFailureMessagesTest {
    private static RunnerConfig quiet() {
        return RunnerConfig.builder().name("startup-messages").loops(1).handleSignals(false).build();
    }

    private static HttpServer.Builder server(String host, int port) {
        return HttpServer.builder().handler((rq, rs) -> rs.send("x")).configure(c -> c.host(host).port(port));
    }

    @Test
    void aPortInUseNamesThePortOptions() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> server("127.0.0.1", taken.getLocalPort()).build().runInBackground(quiet()))
                    .isInstanceOf(ServerStartupException.class)
                    .hasMessageContaining("cannot listen on 127.0.0.1:" + taken.getLocalPort())
                    .hasMessageContaining("the port is in use")
                    .hasMessageContaining("--port");
        }
    }

    @Test
    void aHostThatDoesNotResolveNamesTheHostOptions() {
        assertThatThrownBy(() -> server("no-such-host.invalid", 0).build().runInBackground(quiet()))
                .isInstanceOf(ServerStartupException.class)
                .hasMessageContaining("the host 'no-such-host.invalid' does not resolve")
                .hasMessageContaining("--host")
                .message().doesNotContain("holding the port");
    }

    @Test
    void anAddressThatIsNotThisMachinesNamesTheHostOptions() {
        // TEST-NET-1 (RFC 5737): never an address of this machine
        assertThatThrownBy(() -> server("192.0.2.1", 0).build().runInBackground(quiet()))
                .isInstanceOf(ServerStartupException.class)
                .hasMessageContaining("'192.0.2.1' is not an address of this machine")
                .hasMessageContaining("--host");
    }

    @Test
    void aLambdaStartupHookIsNamedByItsPlace() {
        HttpServer s = server("127.0.0.1", 0).onStartup(state -> { })
                .onStartup(state -> {
                    throw new IllegalStateException("no database");
                }).build();
        assertThatThrownBy(() -> s.runInBackground(quiet()))
                .isInstanceOf(ServerStartupException.class)
                .hasMessageContaining("the app's startup hook #2 of 2 failed")
                .message().doesNotContain("$$Lambda");
    }

    @Test
    void aTooLargeSizeNamesTheOption() {
        assertThatThrownBy(() -> ServerConfig.builder().set("maxHeaderBytes", "10g"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxHeaderBytes is too large: '10g' (at most 2147483647 bytes)");
    }

    @Test
    void theListeningLineBracketsAnIpv6Address() {
        java.util.logging.Logger log = java.util.logging.Logger.getLogger("io.gyre.server");
        java.util.List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                lines.add(r.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.addHandler(capture);
        try (BackgroundServer running = server("::1", 0).build().runInBackground(quiet())) {
            assertThat(lines).as("the server's log lines").contains(
                    "Gyre server listening on http://[::1]:" + running.port() + " (1 loop)");
        } catch (ServerStartupException e) {
            org.junit.jupiter.api.Assumptions.abort("no IPv6 loopback on this machine: " + e.getMessage());
        } finally {
            log.removeHandler(capture);
        }
    }

    @Test
    void aPortInUseIsLoggedByRunWithoutAStackTrace() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    PortInUseChild.class.getName(), Integer.toString(taken.getLocalPort())).redirectErrorStream(true)
                    .start();
            String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).as("exit code; output:\n%s", output).isEqualTo(HttpServer.EXIT_STARTUP_FAILED);
            assertThat(output).contains("the port is in use").doesNotContain("\tat ");
        }
    }

    @Test
    void aStartupHookFailingWithASocketErrorIsLoggedByRunWithItsStackTrace() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                HookSocketFailureChild.class.getName()).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as("exit code; output:\n%s", output).isEqualTo(HttpServer.EXIT_STARTUP_FAILED);
        assertThat(output).contains("the database refused the connection")
                .as("where the app's hook failed").contains("\tat " + HookSocketFailureChild.class.getName());
    }

    /** The child of {@link #aStartupHookFailingWithASocketErrorIsLoggedByRunWithItsStackTrace}. */
    public static final class HookSocketFailureChild {
        private HookSocketFailureChild() {
        }

        /**
         * Runs the child.
         *
         * @param args unused
         */
        public static void main(String[] args) {
            System.exit(server("127.0.0.1", 0).onStartup(state -> {
                throw new java.net.ConnectException("the database refused the connection");
            }).build().run());
        }
    }

    /** The child of {@link #aPortInUseIsLoggedByRunWithoutAStackTrace}: run() on a taken port. */
    public static final class PortInUseChild {
        private PortInUseChild() {
        }

        /**
         * Runs the child.
         *
         * @param args the taken port
         */
        public static void main(String[] args) {
            System.exit(server("127.0.0.1", Integer.parseInt(args[0])).build().run());
        }
    }
}
