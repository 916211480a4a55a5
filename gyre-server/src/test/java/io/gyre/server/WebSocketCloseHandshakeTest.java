package io.gyre.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The closing handshake over a raw socket (RFC 6455 sections 5.5.1, 5.5.2 and 7): what the
 * server echoes, what it still answers while waiting for the client's close frame, and how long
 * it waits.
 */
class WebSocketCloseHandshakeTest {
    private static final BlockingQueue<WebSocketClosedException> statuses = new ArrayBlockingQueue<>(16);
    private static TestServer server;

    @BeforeAll
    static void start() {
        WebSocketHandler echo = WsRawClient.ECHO;
        WebSocketHandler closesFirst = session -> {
            session.close(4001, "done here");
            try {
                session.receive();
            } catch (WebSocketClosedException e) {
                statuses.add(e);
            }
        };
        server = TestServer.start(HttpServer.builder()
                .handler((rq, rs) -> rs.send("plain http\n"))
                .webSocket("/echo", WebSocketEndpoint.builder(echo)
                        .config(WebSocketConfig.builder().pingInterval(Duration.ZERO).build()).build())
                .webSocket("/closes-first", WebSocketEndpoint.builder(closesFirst).config(WebSocketConfig.builder()
                        .pingInterval(Duration.ZERO).closeTimeout(Duration.ofMinutes(1)).build()).build())
                .webSocket("/closes-first-briefly", WebSocketEndpoint.builder(closesFirst).config(WebSocketConfig.builder()
                        .pingInterval(Duration.ZERO).closeTimeout(Duration.ofMillis(100)).build()).build())
                .configure(c -> c.host("127.0.0.1").port(0)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static WsRawClient connect(String path) throws Exception {
        return WsRawClient.upgraded(server.port(), path);
    }

    @ParameterizedTest(name = "close code {0}")
    @ValueSource(ints = {1000, 1001, 1003, 1008, 1011, 1014, 3000, 4999})
    void aValidPeerCloseIsEchoedWithItsCodeAndTheServerClosesTcp(int code) throws Exception {
        try (WsRawClient c = connect("/echo")) {
            c.sendClose(code, "why");
            WsRawClient.Frame close = c.read();
            assertThat(close.opcode()).isEqualTo(8);
            assertThat(close.closeCode()).isEqualTo(code);
            assertThat(c.awaitEof()).isTrue();
        }
    }

    @Test
    void anEmptyPeerCloseIsEchoedEmpty() throws Exception {
        try (WsRawClient c = connect("/echo")) {
            c.send(true, 0, 8, new byte[0]);
            WsRawClient.Frame close = c.read();
            assertThat(close.opcode()).isEqualTo(8);
            assertThat(close.payload()).as("1005 is never sent: the echo carries no code").isEmpty();
            assertThat(c.awaitEof()).isTrue();
        }
    }

    @ParameterizedTest(name = "close code {0}")
    @ValueSource(ints = {0, 999, 1004, 1005, 1006, 1015, 1016, 2999, 5000, 65535})
    void aPeerCloseWithACodeNoEndpointMaySendFailsWith1002(int code) throws Exception {
        try (WsRawClient c = connect("/echo")) {
            c.sendRaw(WsRawClient.frame(true, 0, 8, new byte[] {(byte) (code >> 8), (byte) code}), true);
            assertThat(c.read().closeCode()).isEqualTo(CloseCodes.PROTOCOL_ERROR);
            assertThat(c.awaitEof()).isTrue();
        }
    }

    @Test
    void aCloseFrameBetweenFragmentsEndsTheSessionWithoutTheUnfinishedMessage() throws Exception {
        try (WsRawClient c = connect("/echo")) {
            c.sendRaw(concat(WsRawClient.frame(false, 0, 1, "Hel".getBytes(StandardCharsets.UTF_8)),
                    WsRawClient.frame(true, 0, 8, new byte[] {0x03, (byte) 0xE8}),
                    WsRawClient.frame(true, 0, 0, "lo".getBytes(StandardCharsets.UTF_8))), true);
            WsRawClient.Frame close = c.read();
            assertThat(close.opcode()).as("no echo of the half message").isEqualTo(8);
            assertThat(close.closeCode()).isEqualTo(1000);
            assertThat(c.awaitEof()).isTrue();
        }
    }

    @Test
    void aPingAfterTheServersCloseFrameIsStillAnsweredWithAPong() throws Exception {
        // section 5.5.2: a ping is answered unless a close frame was already received
        try (WsRawClient c = connect("/closes-first")) {
            assertThat(c.read().closeCode()).isEqualTo(4001);
            byte[] payload = "still there?".getBytes(StandardCharsets.UTF_8);
            c.sendRaw(WsRawClient.frame(true, 0, 9, payload), true);
            WsRawClient.Frame pong = c.read();
            assertThat(pong.opcode()).isEqualTo(10);
            assertThat(pong.payload()).isEqualTo(payload);
            c.sendClose(4001, "");
            assertThat(c.awaitEof()).isTrue();
        }
        WebSocketClosedException status = statuses.poll(10, TimeUnit.SECONDS);
        assertThat(status).isNotNull();
        assertThat(status.code()).isEqualTo(4001);
    }

    @Test
    void aClientThatNeverAnswersTheServersCloseIsDisconnectedAfterTheCloseTimeout() throws Exception {
        try (WsRawClient c = connect("/closes-first-briefly")) {
            assertThat(c.read().closeCode()).isEqualTo(4001);
            // no answer: the 100 ms close timeout ends the connection (the client's read timeout is 10 s)
            assertThat(c.readToEof()).as("bytes after the close frame").isEmpty();
        }
        WebSocketClosedException status = statuses.poll(10, TimeUnit.SECONDS);
        assertThat(status).isNotNull();
        assertThat(status.code()).as("the code the server sent").isEqualTo(4001);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }
}
