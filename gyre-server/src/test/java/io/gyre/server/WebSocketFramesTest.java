package io.gyre.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Scripted frame-level cases over a raw socket, in the spirit of the Autobahn suite. */
class WebSocketFramesTest {
    private static TestServer server;
    private static final CountDownLatch UNREAD_SENT = new CountDownLatch(1);

    @BeforeAll
    static void start() {
        WebSocketHandler echo = WsRawClient.ECHO;
        server = TestServer.start(HttpServer.builder()
                .handler((rq, rs) -> rs.send("plain http\n"))
                .webSocket("/echo", WebSocketEndpoint.builder(echo)
                        .config(WebSocketConfig.builder().maxMessageBytes(128 * 1024).pingInterval(Duration.ZERO).build())
                        .build())
                .webSocket("/keepalive", WebSocketEndpoint.builder(echo).config(WebSocketConfig.builder()
                        .pingInterval(Duration.ofMillis(50)).pingTimeout(Duration.ofSeconds(1)).build()).build())
                .webSocket("/closer", session -> session.close(4001, "done here"))
                .webSocket("/closes-unread", WebSocketEndpoint.builder(session -> {
                    UNREAD_SENT.await(); // the client's messages fill the inbound queue, unread
                    session.close(1000, "server done");
                }).config(WebSocketConfig.builder().inboundQueue(1).closeTimeout(Duration.ofMinutes(1))
                        .pingInterval(Duration.ZERO).build()).build())
                .webSocket("/private", WebSocketEndpoint.builder(echo)
                        .acceptor((rq, rs) -> rq.header("Authorization").isPresent()).build())
                .configure(c -> c.host("127.0.0.1").port(0)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static WsRawClient connect(String path) throws Exception {
        return WsRawClient.upgraded(server.port(), path);
    }

    @Test
    void handshakeAnswers101WithTheAcceptKeyAndNoCompressionUnlessOffered() throws Exception {
        try (WsRawClient c = connect("/echo")) {
            assertThat(c.responseHead).containsIgnoringCase("Upgrade: websocket").contains("Sec-WebSocket-Accept: ")
                    .doesNotContain("Sec-WebSocket-Extensions").doesNotContain("Content-Length");
        }
    }

    @Test
    void choppedFramesAndInterleavedPingsAreHandled() throws Exception {
        try (WsRawClient c = connect("/echo")) {
            byte[] all = concat(WsRawClient.frame(false, 0, 1, "Hel".getBytes(StandardCharsets.UTF_8)),
                    WsRawClient.frame(true, 0, 9, "ping!".getBytes(StandardCharsets.UTF_8)),
                    WsRawClient.frame(true, 0, 0, "lo".getBytes(StandardCharsets.UTF_8)));
            c.sendRaw(all, true);
            WsRawClient.Frame pong = c.read();
            assertThat(pong.opcode()).isEqualTo(10);
            assertThat(pong.text()).isEqualTo("ping!");
            WsRawClient.Frame echo = c.read();
            assertThat(echo.opcode()).isEqualTo(1);
            assertThat(echo.text()).isEqualTo("Hello");
            c.send(true, 0, 2, new byte[70_000]);
            WsRawClient.Frame bin = c.read();
            assertThat(bin.opcode()).isEqualTo(2);
            assertThat(bin.payload()).hasSize(70_000);
            c.sendClose(1000, "bye");
            WsRawClient.Frame close = c.read();
            assertThat(close.opcode()).isEqualTo(8);
            assertThat(close.closeCode()).isEqualTo(1000);
            assertThat(c.awaitEof()).as("the server closes TCP after the handshake").isTrue();
        }
    }

    @Test
    void invalidUtf8ClosesWith1007() throws Exception {
        try (WsRawClient c = connect("/echo")) {
            c.send(true, 0, 1, new byte[] {'o', 'k', (byte) 0xC3, 0x28});
            assertThat(c.readUntilClose().closeCode()).isEqualTo(1007);
            assertThat(c.awaitEof()).isTrue();
        }
    }

    @Test
    void reservedBitsAndOpcodesCloseWith1002() throws Exception {
        try (WsRawClient c = connect("/echo")) {
            c.send(true, 2, 1, "x".getBytes(StandardCharsets.UTF_8));
            assertThat(c.readUntilClose().closeCode()).isEqualTo(1002);
        }
        try (WsRawClient c = connect("/echo")) {
            c.send(true, 0, 5, new byte[0]);
            assertThat(c.readUntilClose().closeCode()).isEqualTo(1002);
        }
        try (WsRawClient c = connect("/echo")) {
            c.sendRaw(new byte[] {(byte) 0x81, 0x01, 'x'}, false); // unmasked
            assertThat(c.readUntilClose().closeCode()).isEqualTo(1002);
        }
    }

    @Test
    void oversizeMessageClosesWith1009() throws Exception {
        try (WsRawClient c = connect("/echo")) {
            c.send(false, 0, 2, new byte[70_000]).send(true, 0, 0, new byte[70_000]);
            assertThat(c.readUntilClose().closeCode()).isEqualTo(1009);
        }
    }

    @Test
    void aMissedPongClosesWith1011AndAnsweredPingsKeepTheSessionOpen() throws Exception {
        try (WsRawClient c = connect("/keepalive")) {
            for (int i = 0; i < 3; i++) {
                WsRawClient.Frame ping = c.read();
                assertThat(ping.opcode()).isEqualTo(9);
                c.send(true, 0, 10, ping.payload());
            }
            c.sendText("still here");
            WsRawClient.Frame f;
            do {
                f = c.read();
            } while (f.opcode() == 9);
            assertThat(f.text()).isEqualTo("still here");
            // now stop answering
            assertThat(c.readUntilClose().closeCode()).isEqualTo(1011);
            assertThat(c.awaitEof()).isTrue();
        }
    }

    @Test
    void invalidCloseCodeClosesWith1002() throws Exception {
        try (WsRawClient c = connect("/echo")) {
            c.sendClose(1006, "");
            assertThat(c.readUntilClose().closeCode()).isEqualTo(1002);
        }
    }

    @Test
    void serverCloseCarriesTheAppsCodeAndReason() throws Exception {
        try (WsRawClient c = connect("/closer")) {
            WsRawClient.Frame close = c.readUntilClose();
            assertThat(close.closeCode()).isEqualTo(4001);
            assertThat(new String(close.payload(), 2, close.payload().length - 2, StandardCharsets.UTF_8))
                    .isEqualTo("done here");
            c.sendClose(4001, "");
            assertThat(c.awaitEof()).isTrue();
        }
    }

    @Test
    void aServerCloseCompletesWhenTheInboundQueueIsFullOfUnreadMessages() throws Exception {
        try (WsRawClient c = connect("/closes-unread")) {
            for (int i = 0; i < 3; i++) {
                c.sendText("unread " + i);
            }
            UNREAD_SENT.countDown();
            assertThat(c.readUntilClose().closeCode()).isEqualTo(1000);
            c.sendClose(1000, "client done");
            // the server must read the answer despite the full queue, not wait out its close timeout
            assertThat(c.awaitEof()).isTrue();
        }
    }

    @Test
    void badHandshakesGetOrdinaryErrorResponses() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            RawClient.Reply r = c.send("GET /echo HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 8\r\n\r\n").read(false);
            assertThat(r.status()).isEqualTo(426);
            assertThat(r.header("Sec-WebSocket-Version")).isEqualTo("13");
            r = c.send("GET /echo HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n").read(false);
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.body()).contains("Sec-WebSocket-Key");
            r = c.send("GET /echo HTTP/1.1\r\nHost: x\r\n\r\n").read(false);
            assertThat(r.status()).as("no upgrade asked: the ordinary handler").isEqualTo(200);
            assertThat(r.body()).isEqualTo("plain http\n");
        }
    }

    @Test
    void acceptorCanRefuseTheUpgrade() throws Exception {
        try (WsRawClient c = new WsRawClient(server.port(), "/private", "")) {
            assertThat(c.responseHead).startsWith("HTTP/1.1 403 ");
        }
        try (WsRawClient c = new WsRawClient(server.port(), "/private", "Authorization: Bearer x\r\n")) {
            assertThat(c.responseHead).startsWith("HTTP/1.1 101 ");
        }
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }
}
