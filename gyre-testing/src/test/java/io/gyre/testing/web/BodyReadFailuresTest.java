package io.gyre.testing.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.gyre.runtime.RunnerConfig;
import io.gyre.server.BackgroundServer;
import io.gyre.web.Get;
import io.gyre.web.Post;
import io.gyre.web.Routes;
import io.gyre.web.WebApp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A request body the server refuses while a handler's body parameter reads it gets the server's
 * own answer (413, 400, 408), not a 500 from the app, and the server keeps serving.
 */
class BodyReadFailuresTest {
    public record Item(String name) {
    }

    @Routes
    public static final class Api {
        @Post("/items")
        public String create(Item item) {
            return item.name();
        }

        @Get("/ping")
        public String ping() {
            return "pong";
        }
    }

    static BackgroundServer running;

    @BeforeAll
    static void start() {
        WebApp app = WebApp.builder("BodyLimits", "1").routes(Api.class).build();
        running = app.server().host("127.0.0.1").port(0).configure(c -> c.maxBodyBytes(16).bodyReadTimeout(Duration.ofMillis(300))).build()
                .runInBackground(RunnerConfig.builder().name("body-limits").loops(1).handleSignals(false)
                        .shutdownGrace(Duration.ofSeconds(2)).build());
    }

    @AfterAll
    static void stop() {
        running.requestShutdown("test finished");
        if (running.awaitExit(Duration.ofSeconds(30)).isEmpty()) {
            throw new AssertionError("the server did not stop within 30 s: " + running.dump().text());
        }
        running.close();
    }

    /** Sends raw bytes on a new connection and returns everything the server sent until it closed. */
    static String exchange(String request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", running.port()), 10_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream reply = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                reply.write(buffer, 0, n);
            }
            return reply.toString(StandardCharsets.ISO_8859_1);
        }
    }

    static String chunkedPost(String chunks) {
        return "POST /items HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                + chunks;
    }

    @Test
    void aChunkedBodyOverTheLimitIsA413AndTheServerKeepsServing() throws IOException {
        String json = "{\"name\":\"" + "x".repeat(53) + "\"}";
        assertThat(json).hasSize(64);
        assertThat(exchange(chunkedPost("40\r\n" + json + "\r\n0\r\n\r\n"))).startsWith("HTTP/1.1 413 ");
        assertThat(exchange("GET /ping HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 200 ").endsWith("pong");
    }

    @Test
    void badChunkFramingIsA400() throws IOException {
        assertThat(exchange(chunkedPost("4\r\n{\"na\r\nzz\r\n"))).startsWith("HTTP/1.1 400 ");
        assertThat(exchange("GET /ping HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n")).startsWith("HTTP/1.1 200 ");
    }

    @Test
    void aBodyThatStopsArrivingIsA408() throws IOException {
        assertThat(exchange("POST /items HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
                + "Content-Length: 12\r\n\r\n{\"na")).startsWith("HTTP/1.1 408 ");
    }
}
