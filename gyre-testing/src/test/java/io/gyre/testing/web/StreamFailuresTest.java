package io.gyre.testing.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gyre.testing.LiveServer;
import io.gyre.testing.TestClient;
import io.gyre.web.Get;
import io.gyre.web.ResponseBody;
import io.gyre.web.Routes;
import io.gyre.web.ServerSentEvent;
import io.gyre.web.WebApp;
import io.gyre.web.WebResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A streamed body whose writer fails is not a complete response: before anything was sent it
 * is a 500 from the app's exception handling; after the head was sent the connection is cut
 * without the final chunk, and the failure is logged at ERROR. A client that leaves is not an
 * error.
 */
class StreamFailuresTest {
    static volatile CountDownLatch endlessEnded = new CountDownLatch(1);

    /** A checked failure of the app's own, as a database or upstream call would throw. */
    static final class UpstreamException extends Exception {
        private static final long serialVersionUID = 1L;

        UpstreamException(String message) {
            super(message);
        }
    }

    @Routes
    public static final class Streams {
        @Get("/before")
        public WebResponse before() {
            return WebResponse.of(200).header("X-Report", "monthly").body(ResponseBody.stream(out -> {
                throw new UpstreamException("report query timed out");
            }), "text/csv");
        }

        @Get("/unflushed")
        public WebResponse unflushed() {
            return WebResponse.stream("text/csv", out -> {
                out.write("id,name\n".getBytes(StandardCharsets.UTF_8));
                throw new UpstreamException("row 2 unreadable");
            });
        }

        @Get("/after")
        public WebResponse after() {
            return WebResponse.stream("text/csv", out -> {
                out.write("id,name\n1,cup\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                throw new UpstreamException("row 2 unreadable");
            });
        }

        @Get("/events")
        public WebResponse events() {
            return WebResponse.sse(Duration.ofSeconds(30), sink -> {
                sink.send(ServerSentEvent.of("first"));
                throw new UncheckedIOException(new IOException("the feed file is truncated"));
            });
        }

        @Get("/endless")
        public WebResponse endless() {
            return WebResponse.stream("text/plain", out -> {
                try {
                    byte[] line = "tick\n".repeat(200).getBytes(StandardCharsets.UTF_8);
                    while (true) {
                        out.write(line);
                        out.flush();
                    }
                } finally {
                    endlessEnded.countDown();
                }
            });
        }
    }

    private static WebApp app() {
        return WebApp.builder("Streams", "1").routes(Streams.class).build();
    }

    @Test
    void aStreamThatFailsBeforeWritingAnythingIsA500() {
        try (LogCapture log = LogCapture.start(); LiveServer server = LiveServer.start(app())) {
            server.get("/before").send().assertStatus(500).assertJson("/detail", "Internal Server Error")
                    .assertNoHeader("X-Report");
            assertThat(log.problems()).anySatisfy(e -> assertThat(e.message()).contains("GET /before"));
        }
    }

    @Test
    void bytesWrittenButNotFlushedBeforeTheFailureAreDiscardedForThe500() {
        try (LogCapture log = LogCapture.start(); LiveServer server = LiveServer.start(app())) {
            server.get("/unflushed").send().assertStatus(500).assertJson("/detail", "Internal Server Error");
            assertThat(log.problems()).anySatisfy(e -> assertThat(e.message()).contains("GET /unflushed"));
        }
    }

    @Test
    void theAppsExceptionHandlerAnswersAStreamThatFailsBeforeItStarted() {
        WebApp app = WebApp.builder("Streams", "1").routes(Streams.class)
                .exceptionHandler(UpstreamException.class, (request, e) ->
                        WebResponse.of(502).json(Map.of("detail", e.getMessage())))
                .build();
        try (TestClient client = TestClient.open(app)) {
            client.get("/before").send().assertStatus(502).assertJson("/detail", "report query timed out");
        }
    }

    @Test
    void aStreamThatFailsAfterFlushingEndsWithoutItsLastChunk() throws IOException {
        try (LogCapture log = LogCapture.start(); LiveServer server = LiveServer.start(app())) {
            String raw = rawGet(server.port(), "/after");
            assertThat(raw).startsWith("HTTP/1.1 200").containsIgnoringCase("Transfer-Encoding: chunked")
                    .contains("1,cup\n").doesNotEndWith("0\r\n\r\n");
            assertThat(log.entries()).anySatisfy(e -> {
                assertThat(e.level()).isEqualTo("ERROR");
                assertThat(e.message()).contains("GET /after");
                assertThat(e.thrown()).contains("row 2 unreadable");
            });
        }
    }

    @Test
    void anSseSourceThatFailsEndsTheStreamWithoutItsLastChunk() throws IOException {
        try (LogCapture log = LogCapture.start(); LiveServer server = LiveServer.start(app())) {
            String raw = rawGet(server.port(), "/events");
            assertThat(raw).startsWith("HTTP/1.1 200").contains("data: first").doesNotEndWith("0\r\n\r\n");
            assertThat(log.entries()).anySatisfy(e -> {
                assertThat(e.level()).isEqualTo("ERROR");
                assertThat(e.message()).contains("GET /events");
                assertThat(e.thrown()).contains("the feed file is truncated");
            });
        }
    }

    @Test
    void aStreamThatFailsAfterItStartedIsOneErrorRecordThatSaysTheConnectionWasCut() throws IOException {
        for (String path : java.util.List.of("/after", "/events")) {
            try (LogCapture log = LogCapture.start(); LiveServer server = LiveServer.start(app())) {
                rawGet(server.port(), path);
                assertThat(log.problems()).as(path).singleElement().satisfies(e -> {
                    assertThat(e.level()).isEqualTo("ERROR");
                    assertThat(e.logger()).isEqualTo("io.gyre.web");
                    assertThat(e.message()).contains("GET " + path).contains("closing the connection");
                });
            }
        }
    }

    @Test
    void theTestClientRethrowsAFailureAfterTheResponseStarted() {
        try (LogCapture log = LogCapture.start(); TestClient client = TestClient.open(app())) {
            assertThatThrownBy(() -> client.get("/after").send()).hasMessageContaining("GET /after")
                    .hasMessageContaining("row 2 unreadable");
            assertThat(log.problems()).anySatisfy(e -> assertThat(e.message()).contains("GET /after"));
        }
    }

    @Test
    void aClientThatLeavesMidStreamIsNotLoggedAsAnError() throws Exception {
        endlessEnded = new CountDownLatch(1);
        try (LogCapture log = LogCapture.start(); LiveServer server = LiveServer.start(app())) {
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write("GET /endless HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                InputStream in = socket.getInputStream();
                assertThat(in.readNBytes(2000)).hasSize(2000); // the stream is flowing
            }
            assertThat(endlessEnded.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(log.problems()).isEmpty();
        }
    }

    /** Sends a GET with Connection: close and reads until the server closes or cuts the connection. */
    private static String rawGet(int port, String path) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    all.write(buffer, 0, n);
                }
            } catch (SocketException reset) {
                // a cut connection may end in a reset rather than an orderly close
            }
            return all.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
