package io.gyre.testing.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.gyre.runtime.RunnerConfig;
import io.gyre.server.BackgroundServer;
import io.gyre.web.Cors;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A request body the server refuses while a handler's body parameter reads it (413, 400, 408) is
 * answered through the app's error path and middleware, as JSON {@code {"detail": ...}} with that
 * status, not a 500; the connection closes after it (the rest of the body is never read), and the
 * server keeps serving. A body the server refuses from its head alone (a Content-Length over the
 * limit) is answered by the server before the app runs.
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
    /** Counted down when a request marked {@code X-Stall: 1} passes the middleware, about to bind its body. */
    static final CountDownLatch stalledRequestRuns = new CountDownLatch(1);

    @BeforeAll
    static void start() {
        WebApp app = WebApp.builder("BodyLimits", "1").routes(Api.class)
                .middleware(Cors.builder().allowOrigins("https://app.example").build())
                .middleware((request, next) -> {
                    if (request.header("X-Stall").isPresent()) {
                        stalledRequestRuns.countDown();
                    }
                    return next.proceed(request);
                }).build();
        running = app.server().host("127.0.0.1").port(0).configure(c -> c.maxBodyBytes(16).bodyReadTimeout(Duration.ofSeconds(1))).build()
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
        return "POST /items HTTP/1.1\r\nHost: test\r\nOrigin: https://app.example\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n" + chunks;
    }

    /** The one response in {@code reply}: JSON detail with the status, CORS headers, and Connection: close. */
    static void assertAnsweredByTheApp(String reply, int status, String detail) {
        assertThat(reply).startsWith("HTTP/1.1 " + status + " ");
        assertThat(reply.split("HTTP/1\\.1 ", -1)).as("one response only: %s", reply).hasSize(2);
        String head = reply.substring(0, reply.indexOf("\r\n\r\n")).toLowerCase(java.util.Locale.ROOT);
        assertThat(head).contains("\r\naccess-control-allow-origin: https://app.example")
                .contains("\r\ncontent-type: application/json").contains("\r\nconnection: close");
        assertThat(reply.substring(reply.indexOf("\r\n\r\n") + 4)).startsWith("{\"detail\":\"").contains(detail);
    }

    @Test
    void aChunkedBodyOverTheLimitIsA413ThroughTheMiddlewareAndTheServerKeepsServing() throws IOException {
        String json = "{\"name\":\"" + "x".repeat(53) + "\"}";
        assertThat(json).hasSize(64);
        assertAnsweredByTheApp(exchange(chunkedPost("40\r\n" + json + "\r\n0\r\n\r\n")), 413, "over the limit of 16 bytes");
        assertThat(exchange("GET /ping HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 200 ").endsWith("pong");
    }

    @Test
    void requestsPipelinedAfterARefusedBodyAreNotReadFromIt() throws IOException {
        // the refused chunk carries a whole request, and a real one follows the body: neither is served
        String smuggled = "GET /ping HTTP/1.1\r\nHost: test\r\n\r\n";
        String reply = exchange(chunkedPost(Integer.toHexString(smuggled.length()) + "\r\n" + smuggled + "\r\n0\r\n\r\n"
                + "GET /ping HTTP/1.1\r\nHost: test\r\n\r\n"));
        assertAnsweredByTheApp(reply, 413, "over the limit");
        assertThat(reply).doesNotContain("pong");
    }

    @Test
    void badChunkFramingIsA400ThroughTheMiddleware() throws IOException {
        assertAnsweredByTheApp(exchange(chunkedPost("4\r\n{\"na\r\nzz\r\n")), 400, "Bad Request");
        assertThat(exchange("GET /ping HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n")).startsWith("HTTP/1.1 200 ");
    }

    @Test
    void aBodyThatStopsArrivingIsA408ThroughTheMiddleware() throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", running.port()), 10_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /items HTTP/1.1\r\nHost: test\r\nOrigin: https://app.example\r\nX-Stall: 1\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 12\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            // the handler is about to read its body: the deadline runs from the bytes sent now
            assertThat(stalledRequestRuns.await(10, TimeUnit.SECONDS)).as("the request reached the app").isTrue();
            out.write("{\"na".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String reply = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertAnsweredByTheApp(reply, 408, "no request body bytes arrived");
        }
    }

    @Test
    void aContentLengthOverTheLimitIsRefusedByTheServerBeforeTheAppRuns() throws IOException {
        String reply = exchange("POST /items HTTP/1.1\r\nHost: test\r\nOrigin: https://app.example\r\n"
                + "Content-Type: application/json\r\nContent-Length: 17\r\n\r\n{\"name\":\"abcdef\"}");
        assertThat(reply).startsWith("HTTP/1.1 413 ");
        assertThat(reply.toLowerCase(java.util.Locale.ROOT)).doesNotContain("access-control-allow-origin");
    }
}
