package io.gyre.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.gyre.server.TestServer;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** More connections than maxConnections: the excess gets 503 and close; no crash, no fd leak. */
class ConnectionFloodTest {
    private static final int LIMIT = 64;
    private static final int FLOOD = 400;

    private static int fds() throws IOException {
        try (var s = Files.list(Path.of("/proc/self/fd"))) {
            return (int) s.count();
        }
    }

    @Test
    void connectionsBeyondTheLimitGet503AndCloseAndNothingLeaks() throws Exception {
        try (LogCapture log = LogCapture.start();
                TestServer server = TestServer.start(Invariants.ECHO, c -> c.maxConnections(LIMIT)
                        .keepAliveTimeout(Duration.ofSeconds(30)).headerReadTimeout(Duration.ofSeconds(30))
                        .logLevel("warning"))) {
            TestServer.Baseline base = server.awaitIdle();
            int fdsBefore = fds();
            List<Socket> held = new ArrayList<>();
            int refused503 = 0;
            int closedSilently = 0;
            try {
                for (int i = 0; i < FLOOD; i++) {
                    held.add(Wire.connect(server.port()));
                }
                // the ones over the limit are answered 503 and closed at once
                for (Socket s : held.subList(LIMIT, FLOOD)) {
                    java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
                    boolean closed = Wire.readUntilClosed(s, got, System.nanoTime() + 5_000_000_000L);
                    assertThat(closed).as("a connection over the limit is closed").isTrue();
                    String text = got.toString(StandardCharsets.ISO_8859_1);
                    if (text.startsWith("HTTP/1.1 503")) {
                        refused503++;
                    } else {
                        closedSilently++;
                    }
                }
                // the server lingers on a refused connection (output shut) until its client closes
                for (Socket s : held.subList(LIMIT, FLOOD)) {
                    s.close();
                }
                long until = System.nanoTime() + 10_000_000_000L;
                while (server.stats().connections() != LIMIT && System.nanoTime() < until) {
                    Thread.sleep(5); // polling: no event for a connection closed
                }
                assertThat(server.stats().connections()).as("connections held open").isEqualTo(LIMIT);
                // those within the limit still work
                for (Socket s : held.subList(0, 4)) {
                    s.getOutputStream().write("GET /in HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                            .getBytes(StandardCharsets.ISO_8859_1));
                    java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
                    Wire.readUntilClosed(s, got, System.nanoTime() + 5_000_000_000L);
                    assertThat(got.toString(StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 200");
                }
            } finally {
                for (Socket s : held) {
                    s.close();
                }
            }
            server.awaitBaseline(base, "the flood");
            assertThat(refused503).as("connections over the limit answered 503 (others closed silently: %d)",
                    closedSilently).isEqualTo(FLOOD - LIMIT);
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (fds() > fdsBefore + 2 && System.nanoTime() < deadline) {
                Thread.sleep(5); // polling: file descriptors have no close event
            }
            assertThat(fds()).as("open file descriptors of this JVM after the flood").isLessThanOrEqualTo(fdsBefore + 2);
            Wire.Exchange after = Wire.exchange(server.port(), List.of(Invariants.FOLLOW_UP), Duration.ofSeconds(5));
            assertThat(after.last().status()).as("served after the flood").isEqualTo(200);
            assertThat(log.problems()).as("server errors logged").isEmpty();
            Settings.figure("flood.connections", FLOOD);
            Settings.figure("flood.limit", LIMIT);
            Settings.figure("flood.answered503", refused503);
        }
    }
}
