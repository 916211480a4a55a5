package io.gyre.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A response larger than the socket buffers, to a client that reads slowly or not at all: the
 * keep-alive period and shutdown wait for it to be sent, and the write deadline ends a client that
 * stopped reading.
 */
class SlowReaderTest {
    private static final int BODY = 16 << 20;
    private static final byte[] PAYLOAD = new byte[BODY];

    private static Handler big() {
        return Handler.loopSafe((rq, rs) -> rs.send(PAYLOAD)); // queued at once; the handler ends at once
    }

    @Test
    void aLargeResponseToASlowReaderIsNotCutByTheKeepAliveTimeout() throws Exception {
        try (TestServer server = TestServer.start(big(), c -> c.keepAliveTimeout(Duration.ofMillis(100))
                .headerReadTimeout(Duration.ofMillis(100)));
                Socket client = slowClient(server.port())) {
            client.getOutputStream().write(get("keep-alive"));
            Thread.sleep(1000); // the client reads nothing for ten keep-alive periods
            assertThat(bodyLength(client.getInputStream())).as("body bytes received").isEqualTo(BODY);
        }
    }

    @Test
    void shutdownLetsAnIdleConnectionFinishSendingItsLastResponse() throws Exception {
        TestServer server = TestServer.start(big());
        try (Socket client = slowClient(server.port())) {
            client.getOutputStream().write(get("keep-alive"));
            awaitResponseQueued(server);
            CompletableFuture<Integer> stopped = CompletableFuture.supplyAsync(server::stop);
            assertThat(bodyLength(client.getInputStream())).as("body bytes received during the drain")
                    .isEqualTo(BODY);
            assertThat(stopped.get(30, TimeUnit.SECONDS)).isEqualTo(HttpServer.EXIT_OK);
        } finally {
            server.close();
        }
    }

    @Test
    void aClientThatStopsReadingAConnectionCloseResponseIsDisconnectedAtTheWriteTimeout() throws Exception {
        try (TestServer server = TestServer.start(big(), c -> c.writeTimeout(Duration.ofMillis(300)))) {
            TestServer.Baseline idle = server.awaitIdle();
            try (Socket client = slowClient(server.port())) {
                client.getOutputStream().write(get("close"));
                awaitResponseQueued(server);
                server.awaitBaseline(idle, "a client that never read its response");
            }
        }
    }

    @Test
    void aKeepAliveClientThatStopsReadingIsDisconnectedAtTheWriteTimeout() throws Exception {
        try (TestServer server = TestServer.start(big(), c -> c.writeTimeout(Duration.ofMillis(300))
                .keepAliveTimeout(Duration.ofSeconds(60)))) {
            TestServer.Baseline idle = server.awaitIdle();
            try (Socket client = slowClient(server.port())) {
                client.getOutputStream().write(get("keep-alive"));
                awaitResponseQueued(server);
                server.awaitBaseline(idle, "a client that never read its response");
            }
        }
    }

    @Test
    void aHandlerStillStreamingToAClientThatStoppedReadingIsCutAtTheWriteTimeoutAndToldSo() throws Exception {
        CompletableFuture<Throwable> writeFailure = new CompletableFuture<>();
        Handler streaming = (rq, rs) -> writeFailure.complete(streamUntilRefused(rs));
        try (TestServer server = TestServer.start(streaming, c -> c.writeTimeout(Duration.ofMillis(300)))) {
            TestServer.Baseline idle = server.awaitIdle();
            try (Socket client = slowClient(server.port())) {
                client.getOutputStream().write(get("keep-alive"));
                assertThat(writeFailure.get(10, TimeUnit.SECONDS)).as("what the handler's write threw")
                        .isInstanceOf(IOException.class);
                server.awaitBaseline(idle, "a streaming handler whose client never read");
            }
        }
    }

    @Test
    void theWriteTimeoutAppliesWhileTheClientStillOwesRequestBodyBytes() throws Exception {
        CompletableFuture<Throwable> writeFailure = new CompletableFuture<>();
        Handler streaming = (rq, rs) -> writeFailure.complete(streamUntilRefused(rs));
        // the body deadline (a minute) holds the connection's other deadline slot the whole time
        try (TestServer server = TestServer.start(streaming, c -> c.writeTimeout(Duration.ofMillis(300))
                .bodyReadTimeout(Duration.ofMinutes(1)))) {
            TestServer.Baseline idle = server.awaitIdle();
            try (Socket client = slowClient(server.port())) {
                client.getOutputStream().write(("POST /upload HTTP/1.1\r\nHost: t\r\nContent-Length: 1000\r\n\r\n"
                        + "only part of it").getBytes(StandardCharsets.US_ASCII));
                assertThat(writeFailure.get(10, TimeUnit.SECONDS)).as("what the handler's write threw")
                        .isInstanceOf(IOException.class);
                server.awaitBaseline(idle, "a streaming handler whose client sent part of a body and never read");
            }
        }
    }

    @Test
    void aWebSocketClientThatStopsReadingIsCutAtTheWriteTimeout() throws Exception {
        CompletableFuture<Throwable> sendFailure = new CompletableFuture<>();
        WebSocketHandler flood = session -> {
            byte[] chunk = new byte[64 * 1024];
            try {
                for (int i = 0; i < BODY / chunk.length; i++) {
                    session.send(chunk);
                }
                sendFailure.complete(new AssertionError("every message was sent to a client that read nothing"));
            } catch (RuntimeException e) {
                sendFailure.complete(e);
            }
        };
        WebSocketEndpoint endpoint = WebSocketEndpoint.builder(flood)
                .config(WebSocketConfig.builder().pingInterval(Duration.ZERO).build()).build();
        try (TestServer server = TestServer.start(HttpServer.builder().handler((rq, rs) -> rs.send("http"))
                .webSocket("/ws", endpoint)
                .configure(c -> c.host("127.0.0.1").port(0).writeTimeout(Duration.ofMillis(300))))) {
            TestServer.Baseline idle = server.awaitIdle();
            try (WsRawClient _ = WsRawClient.upgraded(server.port(), "/ws")) { // a client that reads nothing
                assertThat(sendFailure.get(10, TimeUnit.SECONDS)).as("what the session's send threw")
                        .isInstanceOf(WebSocketClosedException.class);
                server.awaitBaseline(idle, "a WebSocket client that never read");
            }
        }
    }

    /** Writes the body in chunks until a write fails; returns that failure (an AssertionError if none did). */
    private static Throwable streamUntilRefused(Response rs) {
        byte[] chunk = new byte[64 * 1024];
        try (var out = rs.body()) {
            for (int i = 0; i < BODY / chunk.length; i++) {
                out.write(chunk);
            }
            return new AssertionError("the whole body was written to a client that read nothing");
        } catch (IOException | RuntimeException e) {
            return e;
        }
    }

    @Test
    void theWriteTimeoutHasADefaultAFlagAndAnEnvironmentVariable() {
        assertThat(ServerConfig.defaults().writeTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(ServerConfig.builder().set("writeTimeout", "2m").build().writeTimeout())
                .isEqualTo(Duration.ofMinutes(2));
        assertThat(ServerConfig.options()).anySatisfy(o -> {
            assertThat(o.flag()).isEqualTo("--write-timeout");
            assertThat(o.env()).isEqualTo("GYRE_WRITE_TIMEOUT");
        });
    }

    private static byte[] get(String connection) {
        return ("GET /big HTTP/1.1\r\nHost: t\r\nConnection: " + connection + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** A client with a small receive window, so most of the response waits in the server. */
    private static Socket slowClient(int port) throws IOException {
        Socket s = new Socket();
        s.setReceiveBufferSize(32 * 1024);
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
        s.setSoTimeout(30_000);
        return s;
    }

    private static void awaitResponseQueued(TestServer server) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while ((server.stats().activeRequests() != 0 || server.stats().bufferedResponseBytes() == 0)
                && System.nanoTime() - deadline < 0) {
            Thread.sleep(2); // polling: queuing a response publishes no event
        }
        assertThat(server.stats().activeRequests()).as("the handler ended").isZero();
        assertThat(server.stats().bufferedResponseBytes()).as("response bytes waiting in the server").isPositive();
    }

    /** Reads the response head, then the body to its declared end; fails if the connection ends first. */
    private static int bodyLength(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the connection ended in the response head");
            }
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1).toLowerCase(java.util.Locale.ROOT);
        int at = text.indexOf("content-length:");
        assertThat(at).as("a Content-Length in %s", text).isNotNegative();
        long declared = Long.parseLong(text.substring(at + 15, text.indexOf('\r', at)).trim());
        byte[] buf = new byte[64 * 1024];
        long total = 0;
        while (total < declared) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, declared - total));
            if (n < 0) {
                return (int) total; // cut short
            }
            total += n;
        }
        return (int) total;
    }
}
