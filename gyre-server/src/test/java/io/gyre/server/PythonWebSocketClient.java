package io.gyre.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A Python WebSocket library as a real client: finds a python3 that has it, and runs a client
 * script against a server whose {@code /echo} endpoint sends every message back.
 */
final class PythonWebSocketClient {
    /** What one script run printed (stdout and stderr together), and its exit status. */
    record Run(String output, int exit) {
    }

    private PythonWebSocketClient() {
    }

    /** The first of /usr/bin/python3 and the python3 on PATH that can import {@code module}, if any. */
    static Optional<String> pythonWith(String module) {
        for (String candidate : List.of("/usr/bin/python3", "python3")) {
            try {
                Process p = new ProcessBuilder(candidate, "-c", "import " + module).redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return Optional.of(candidate);
                }
            } catch (Exception e) {
                // not this one
            }
        }
        return Optional.empty();
    }

    /**
     * Starts an echo server, runs {@code script} with {@code python} and the server's port as its
     * argument, and stops the server. Fails the test when the script does not end within 60 s.
     */
    static Run runAgainstEcho(String python, String script) throws Exception {
        try (TestServer server = TestServer.start(HttpServer.builder()
                .handler((rq, rs) -> rs.send("plain\n"))
                .webSocket("/echo", session -> {
                    for (WebSocketMessage m : session) {
                        session.send(m);
                    }
                })
                .configure(c -> c.host("127.0.0.1").port(0)))) {
            Process p = new ProcessBuilder(python, "-c", script, Integer.toString(server.port()))
                    .redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the client script ended; output:\n%s", output).isTrue();
            return new Run(output, p.exitValue());
        }
    }
}
