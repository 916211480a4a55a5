package io.gyre.testing.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gyre.server.WebSocketMessage;
import io.gyre.server.WebSocketSession;
import io.gyre.testing.TestClient;
import io.gyre.web.Routes;
import io.gyre.web.WebApp;
import io.gyre.web.WebSocketRoute;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Text, bytes and JSON both ways, and close codes from either side. */
class TestClientWebSocketTest {
    static final AtomicReference<String> CLOSED_BY_CLIENT = new AtomicReference<>("-");
    static TestClient client;

    @Routes
    public static final class Sockets {
        @WebSocketRoute("/echo")
        public void echo(WebSocketSession session) {
            for (WebSocketMessage message : session) {
                switch (message) {
                    case WebSocketMessage.Text text when text.text().equals("bye") -> {
                        session.close(4001, "asked to leave");
                        return;
                    }
                    case WebSocketMessage.Text text -> session.send(text.text());
                    case WebSocketMessage.Binary binary -> session.send(binary.data());
                }
            }
            CLOSED_BY_CLIENT.set(session.closeStatus().map(e -> e.code() + " " + e.reason()).orElse("no status"));
        }
    }

    @BeforeAll
    static void open() {
        client = TestClient.open(WebApp.builder("Sockets", "1").routes(Sockets.class).build());
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @Test
    void textBytesAndJsonGoBothWays() {
        try (var socket = client.websocket("/echo")) {
            assertThat(socket.send("hi").receiveText()).isEqualTo("hi");
            assertThat(socket.send(new byte[] {1, 2}).receiveBytes()).containsExactly(1, 2);
            assertThat(socket.sendJson(Map.of("n", 1)).receiveJson().get("n").asInt()).isEqualTo(1);
        }
    }

    @Test
    void theAppsCloseCodeAndReasonAreSeen() {
        try (var socket = client.websocket("/echo")) {
            socket.send("bye");
            assertThat(socket.receive()).isEmpty();
            assertThat(socket.closeCode()).isEqualTo(4001);
            assertThat(socket.closeReason()).isEqualTo("asked to leave");
        }
    }

    @Test
    void theClientsCloseCodeReachesTheApp() {
        var socket = client.websocket("/echo");
        socket.send("x").receiveText();
        socket.close(1001, "tab closed");
        assertThat(CLOSED_BY_CLIENT.get()).isEqualTo("1001 tab closed");
    }

    @Test
    void receivingTheWrongKindOfMessageSaysWhatCame() {
        try (var socket = client.websocket("/echo")) {
            assertThatThrownBy(() -> socket.send("plain").receiveJson()).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("expected a JSON WebSocket message, got: 'plain'");
            assertThatThrownBy(() -> socket.send("text").receiveBytes()).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("expected a binary WebSocket message, got text: 'text'");
            assertThatThrownBy(() -> socket.send(new byte[3]).receiveText()).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("got 3 binary bytes");
            socket.send("bye");
            assertThatThrownBy(socket::receiveText).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("the app closed the WebSocket: 4001 asked to leave");
        }
    }
}
