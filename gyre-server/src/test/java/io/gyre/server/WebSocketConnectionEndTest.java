package io.gyre.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.gyre.runtime.Cancellation;
import io.gyre.runtime.CancelledException;
import io.gyre.runtime.Gyre;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How a WebSocket connection ends and what it leaves behind: bytes a client sends along with the
 * upgrade request, a handler that never looks at its session again, a cancellation after the 101.
 */
class WebSocketConnectionEndTest {
    private static LogRecords log;

    @BeforeAll
    static void captureLogs() {
        log = LogRecords.ofServer(); // expected cancellations and shutdown warnings: kept quiet
    }

    @AfterAll
    static void restoreLogs() {
        log.close();
    }

    private static WebSocketEndpoint endpoint(WebSocketHandler handler) {
        return WebSocketEndpoint.builder(handler).config(WebSocketConfig.builder().pingInterval(Duration.ZERO).build())
                .build();
    }

    @Test
    void aRequestPipelinedAfterAnUpgradeRequestIsNeverServedAsHttpAndLeavesNothingBehind() throws Exception {
        AtomicInteger served = new AtomicInteger();
        try (TestServer server = TestServer.start(HttpServer.builder()
                .handler((rq, rs) -> {
                    served.incrementAndGet();
                    rs.send("plain http " + rq.path() + "\n");
                })
                .webSocket("/ws", endpoint(WsRawClient.ECHO))
                .configure(c -> c.host("127.0.0.1").port(0)))) {
            TestServer.Baseline base = server.awaitIdle();
            byte[] pipelined = "GET /x HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
            try (WsRawClient c = new WsRawClient(server.port(), "/ws", "", pipelined)) {
                assertThat(c.responseHead).startsWith("HTTP/1.1 101 ");
                // after the 101 the bytes are WebSocket input; an HTTP request there is not a frame
                WsRawClient.Frame close = c.readUntilClose();
                assertThat(close.closeCode()).isEqualTo(CloseCodes.PROTOCOL_ERROR);
                c.sendClose(CloseCodes.PROTOCOL_ERROR, "");
                assertThat(c.awaitEof()).as("the server closes the connection after the close frame").isTrue();
            }
            server.awaitBaseline(base, "an upgrade request with a request pipelined behind it");
            assertThat(served.get()).as("requests served as HTTP").isZero();
        }
    }

    @Test
    void framesSentWithTheUpgradeRequestReachTheSession() throws Exception {
        try (TestServer server = TestServer.start(HttpServer.builder()
                .handler((rq, rs) -> rs.send("plain http\n"))
                .webSocket("/ws", endpoint(WsRawClient.ECHO))
                .configure(c -> c.host("127.0.0.1").port(0)))) {
            TestServer.Baseline base = server.awaitIdle();
            byte[] early = WsRawClient.frame(true, 0, 1, "early".getBytes(StandardCharsets.UTF_8));
            try (WsRawClient c = new WsRawClient(server.port(), "/ws", "", early)) {
                assertThat(c.responseHead).startsWith("HTTP/1.1 101 ");
                assertThat(c.read().text()).isEqualTo("early");
                c.sendText("later");
                assertThat(c.read().text()).isEqualTo("later");
                c.sendClose(CloseCodes.NORMAL, "");
                assertThat(c.readUntilClose().closeCode()).isEqualTo(CloseCodes.NORMAL);
                assertThat(c.awaitEof()).isTrue();
            }
            server.awaitBaseline(base, "frames sent along with the upgrade request");
        }
    }

    @Test
    void aHandlerBlockedOutsideItsSessionIsCancelledWhenTheClientClosesTheSession() throws Exception {
        blockedHandlerIsCancelled(true);
    }

    @Test
    void aHandlerBlockedOutsideItsSessionIsCancelledWhenTheClientDropsTheConnection() throws Exception {
        blockedHandlerIsCancelled(false);
    }

    private static void blockedHandlerIsCancelled(boolean closeHandshake) throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        AtomicReference<String> why = new AtomicReference<>("not cancelled");
        WebSocketHandler blocked = session -> {
            entered.countDown();
            try {
                never.await(); // an application queue the session never signals
            } catch (InterruptedException e) {
                try {
                    Cancellation.checkpoint(); // the cancellation the interrupt stands for, with its reason
                } catch (CancelledException ce) {
                    why.set(String.valueOf(ce.getMessage()));
                    throw ce;
                }
                throw new CancelledException("interrupted outside a cancellation");
            }
        };
        try (TestServer server = TestServer.start(HttpServer.builder()
                .handler((rq, rs) -> rs.send("plain http\n"))
                .webSocket("/ws", endpoint(blocked))
                .configure(c -> c.host("127.0.0.1").port(0)))) {
            TestServer.Baseline base = server.awaitIdle();
            try (WsRawClient c = new WsRawClient(server.port(), "/ws", "")) {
                assertThat(c.responseHead).startsWith("HTTP/1.1 101 ");
                assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
                if (closeHandshake) {
                    c.sendClose(CloseCodes.NORMAL, "bye");
                    assertThat(c.readUntilClose().closeCode()).isEqualTo(CloseCodes.NORMAL);
                    assertThat(c.awaitEof()).isTrue();
                }
            }
            server.awaitBaseline(base, "the client left a session whose handler waits elsewhere");
            assertThat(never.getCount()).as("the latch was never released").isEqualTo(1);
            assertThat(why.get()).contains("WebSocket connection").contains("closed");
        }
    }

    @Test
    void aCancellationAfterTheUpgradeWritesNoHttpResponseIntoTheWebSocketStream() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        WebSocketHandler deaf = session -> {
            entered.countDown();
            Gyre.sleep(Duration.ofMinutes(5)); // ignores the server's close frame
        };
        TestServer server = TestServer.start(HttpServer.builder()
                .handler((rq, rs) -> rs.send("plain http\n"))
                .webSocket("/ws", WebSocketEndpoint.builder(deaf).config(WebSocketConfig.builder()
                        .pingInterval(Duration.ZERO).closeTimeout(Duration.ofSeconds(30)).build()).build())
                .configure(c -> c.host("127.0.0.1").port(0).gracefulTimeout(Duration.ofMillis(200))));
        try (server; WsRawClient c = new WsRawClient(server.port(), "/ws", "")) {
            assertThat(c.responseHead).startsWith("HTTP/1.1 101 ");
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
            server.server().requestShutdown("test: a session that ignores the close");
            WsRawClient.Frame close = c.readUntilClose();
            assertThat(close.opcode()).isEqualTo(8);
            // the client does not answer: the graceful timeout passes and cancels the session's task
            byte[] after = c.readToEof();
            assertThat(new String(after, StandardCharsets.ISO_8859_1)).as("bytes after the close frame").isEmpty();
        }
    }
}
