package io.gyre.testing.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.gyre.server.WebSocketSession;
import io.gyre.testing.LiveServer;
import io.gyre.web.Routes;
import io.gyre.web.TrustedHosts;
import io.gyre.web.WebApp;
import io.gyre.web.WebSocketRoute;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What a WebSocket route's handshake answers over a real socket: host checks and subprotocols. */
@Timeout(30)
class WebSocketRouteHandshakeTest {
    static final AtomicInteger SESSIONS = new AtomicInteger();

    @Routes
    public static final class Chat {
        @WebSocketRoute("/echo")
        public void echo(WebSocketSession session) {
            SESSIONS.incrementAndGet();
            session.send("hello");
        }

        @WebSocketRoute(value = "/graphql", subprotocols = {"graphql-transport-ws", "graphql-ws"})
        public void graphql(WebSocketSession session) {
            session.send("speaking " + session.subprotocol().orElse("nothing"));
        }
    }

    static WebApp app() {
        return WebApp.builder("Chat", "1").middleware(TrustedHosts.of("example.com")).routes(Chat.class).build();
    }

    @Test
    void anUntrustedHostIsRefusedBeforeTheUpgradeAsOverHttp() throws Exception {
        SESSIONS.set(0);
        try (LiveServer server = LiveServer.start(app())) {
            String refused = handshake(server, "/echo", "evil.example", "");
            assertThat(refused).startsWith("HTTP/1.1 400").endsWith("Invalid host header");
            String accepted = handshake(server, "/echo", "example.com:8000", "");
            assertThat(accepted).startsWith("HTTP/1.1 101").contains("hello");
        }
        assertThat(SESSIONS).hasValue(1);
    }

    @Test
    void theRouteSelectsTheFirstOfItsSubprotocolsThatTheClientOffers() throws Exception {
        try (LiveServer server = LiveServer.start(app())) {
            String answer = handshake(server, "/graphql", "example.com", "Sec-WebSocket-Protocol: graphql-ws, graphql-transport-ws\r\n");
            assertThat(answer).startsWith("HTTP/1.1 101").containsIgnoringCase("sec-websocket-protocol: graphql-ws\r\n")
                    .contains("speaking graphql-ws");
            String none = handshake(server, "/graphql", "example.com", "Sec-WebSocket-Protocol: mqtt\r\n");
            assertThat(none).startsWith("HTTP/1.1 101").doesNotContainIgnoringCase("sec-websocket-protocol")
                    .contains("speaking nothing");
        }
    }

    /** Sends an upgrade request and returns everything the server sent until it closed the connection. */
    private static String handshake(LiveServer server, String path, String host, String extra) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            String request = "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\n" + extra + "\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream seen = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            while (true) {
                String text = seen.toString(StandardCharsets.ISO_8859_1);
                if (text.startsWith("HTTP/1.1 101") && closeFrameStart(seen.toByteArray()) >= 0) {
                    // the handler returned: answer its close frame so the server closes the connection
                    socket.getOutputStream().write(new byte[] {(byte) 0x88, (byte) 0x82, 0, 0, 0, 0, 0x03, (byte) 0xE8});
                    return text;
                }
                int n = in.read(buffer);
                if (n < 0) {
                    return text;
                }
                seen.write(buffer, 0, n);
            }
        }
    }

    /** Where a server close frame (opcode 8, unmasked) starts after the 101 head, or -1. */
    private static int closeFrameStart(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int body = text.indexOf("\r\n\r\n");
        if (body < 0) {
            return -1;
        }
        int i = body + 4;
        while (i + 2 <= bytes.length) {
            int opcode = bytes[i] & 0x0F;
            int length = bytes[i + 1] & 0x7F;
            if (length > 125) {
                return -1; // the test's messages are short
            }
            if (opcode == 8 && i + 2 + length <= bytes.length) {
                return i;
            }
            i += 2 + length;
        }
        return -1;
    }
}
