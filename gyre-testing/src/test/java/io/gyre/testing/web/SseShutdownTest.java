package io.gyre.testing.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.gyre.runtime.RunnerConfig;
import io.gyre.server.BackgroundServer;
import io.gyre.server.HttpServer;
import io.gyre.web.Get;
import io.gyre.web.Routes;
import io.gyre.web.ServerSentEvent;
import io.gyre.web.WebApp;
import io.gyre.web.WebResponse;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A graceful shutdown does not wait for the graceful timeout on an open event stream: the
 * source is cancelled when the drain begins, its cleanup runs, the body ends normally (the client
 * reconnects elsewhere) and the server exits cleanly.
 */
class SseShutdownTest {
    static final CountDownLatch CLEANED_UP = new CountDownLatch(1);

    @Routes
    public static final class Events {
        @Get("/events")
        public WebResponse events() {
            return WebResponse.sse(Duration.ofMinutes(1), sink -> {
                try {
                    sink.send(ServerSentEvent.of("hello"));
                    new CountDownLatch(1).await();
                } finally {
                    CLEANED_UP.countDown();
                }
            });
        }
    }

    @Test
    void aGracefulShutdownEndsAnOpenStreamAtOnceAndExitsCleanly() throws Exception {
        try (LogCapture log = LogCapture.start()) {
            BackgroundServer server = WebApp.builder("Sse", "1").routes(Events.class).build().server()
                    .host("127.0.0.1").port(0).configure(c -> c.gracefulTimeout(Duration.ofSeconds(30))).build()
                    .runInBackground(RunnerConfig.builder().name("sse-shutdown").handleSignals(false).build());
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write("GET /events HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                InputStream in = socket.getInputStream();
                ByteArrayOutputStream seen = new ByteArrayOutputStream();
                while (!seen.toString(StandardCharsets.UTF_8).contains("data: hello\n\n")) {
                    int b = in.read();
                    assertThat(b).as("the stream opened: " + seen).isNotNegative();
                    seen.write(b);
                }
                server.requestShutdown("test: shutdown with an open stream");
                seen.write(in.readAllBytes()); // until the server closes the connection
                OptionalInt code = server.awaitExit(Duration.ofSeconds(20));
                assertThat(code).hasValue(HttpServer.EXIT_OK);
                assertThat(CLEANED_UP.await(0, TimeUnit.SECONDS)).isTrue();
                assertThat(seen.toString(StandardCharsets.UTF_8)).endsWith("data: hello\n\n\r\n0\r\n\r\n");
                assertThat(log.problems()).isEmpty();
            } finally {
                server.close();
            }
        }
    }
}
