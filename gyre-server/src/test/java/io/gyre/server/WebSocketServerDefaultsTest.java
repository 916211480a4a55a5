package io.gyre.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Server-wide WebSocket defaults ({@code --ws-max-size} and friends) reach the sessions of every
 * endpoint that leaves them unset, and an endpoint's own setting beats them.
 */
@Timeout(30)
class WebSocketServerDefaultsTest {

    /** /plain follows the server; /own has its own 64 KiB limit. */
    private static HttpServer.Builder endpoints() {
        return HttpServer.builder().handler((rq, rs) -> rs.send("plain http\n"))
                .webSocket("/plain", WsRawClient.ECHO)
                .webSocket("/own", WebSocketEndpoint.builder(WsRawClient.ECHO)
                        .config(WebSocketConfig.builder().maxMessageBytes(64 * 1024).build()).build());
    }

    @Test
    void aMessageOverTheServerWideLimitClosesWith1009() throws Exception {
        try (TestServer server = TestServer.start(endpoints()
                .configure(c -> c.host("127.0.0.1").port(0).wsMaxSize(1024).wsPingInterval(Duration.ZERO)));
                WsRawClient c = WsRawClient.upgraded(server.port(), "/plain")) {
            c.send(true, 0, 2, new byte[1000]);
            assertThat(c.read().payload()).hasSize(1000);
            c.send(true, 0, 2, new byte[2000]);
            assertThat(c.readUntilClose().closeCode()).isEqualTo(CloseCodes.MESSAGE_TOO_BIG);
        }
    }

    @Test
    void anEndpointWithItsOwnLargerLimitAcceptsWhatTheServerWideLimitRefuses() throws Exception {
        try (TestServer server = TestServer.start(endpoints()
                .configure(c -> c.host("127.0.0.1").port(0).wsMaxSize(1024).wsPingInterval(Duration.ZERO)));
                WsRawClient c = WsRawClient.upgraded(server.port(), "/own")) {
            byte[] big = new byte[2000];
            Arrays.fill(big, (byte) 7);
            c.send(true, 0, 2, big);
            assertThat(c.read().payload()).isEqualTo(big);
        }
    }

    @Test
    void optionsSetFromTextAsTheCommandLineDoesReachTheSessions() throws Exception {
        try (TestServer server = TestServer.start(endpoints().configure(c -> c.host("127.0.0.1").port(0)
                .set("wsMaxSize", "1k", "--ws-max-size").set("wsPingInterval", "none", "--ws-ping-interval")));
                WsRawClient plain = WsRawClient.upgraded(server.port(), "/plain");
                WsRawClient own = WsRawClient.upgraded(server.port(), "/own")) {
            own.send(true, 0, 2, new byte[2000]);
            assertThat(own.read().payload()).hasSize(2000);
            plain.send(true, 0, 2, new byte[2000]);
            assertThat(plain.readUntilClose().closeCode()).isEqualTo(CloseCodes.MESSAGE_TOO_BIG);
        }
    }

    @Test
    void aClientThatNeverAnswersPingsIsClosedAfterTheServerWidePingTimeout() throws Exception {
        try (TestServer server = TestServer.start(endpoints().configure(c -> c.host("127.0.0.1").port(0)
                .set("wsPingInterval", "50ms", "--ws-ping-interval").set("wsPingTimeout", "200ms", "--ws-ping-timeout")));
                WsRawClient c = WsRawClient.upgraded(server.port(), "/plain")) {
            assertThat(c.read().opcode()).as("a ping").isEqualTo(9);
            // never answered: the session must end within the server-wide timeout, not the built-in 20 s
            long start = System.nanoTime();
            assertThat(c.readUntilClose().closeCode()).isEqualTo(CloseCodes.INTERNAL_ERROR);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            assertThat(c.awaitEof()).isTrue();
        }
    }

    @Test
    void compressionTurnedOffServerWideLeavesPermessageDeflateOutOfTheHandshake() throws Exception {
        String offer = "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n";
        try (TestServer server = TestServer.start(endpoints().configure(c -> c.host("127.0.0.1").port(0)
                .set("wsPerMessageDeflate", "false", "--ws-per-message-deflate")));
                WsRawClient c = new WsRawClient(server.port(), "/plain", offer)) {
            assertThat(c.responseHead).startsWith("HTTP/1.1 101 ").doesNotContainIgnoringCase("permessage-deflate");
        }
        try (TestServer server = TestServer.start(endpoints().configure(c -> c.host("127.0.0.1").port(0)));
                WsRawClient c = new WsRawClient(server.port(), "/plain", offer)) {
            assertThat(c.responseHead).as("the built-in default").contains("permessage-deflate");
        }
    }
}
