package io.gyre.testing.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gyre.server.Headers;
import io.gyre.testing.TestClient;
import org.junit.jupiter.api.Test;

/** The in-process client's WebSocket handshake answers as the real server's does. */
class TestClientWebSocketHandshakeTest {
    @Test
    void anUntrustedHostIsRefusedWithTheMiddlewaresAnswer() {
        WebSocketRouteHandshakeTest.SESSIONS.set(0);
        try (TestClient client = TestClient.builder(WebSocketRouteHandshakeTest.app()).baseUrl("http://evil.example").open()) {
            assertThatThrownBy(() -> client.websocket("/echo"))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("/echo").hasMessageContaining("400").hasMessageContaining("Invalid host header");
        }
        assertThat(WebSocketRouteHandshakeTest.SESSIONS).hasValue(0);
    }

    @Test
    void theRouteSelectsItsSubprotocolFromTheClientsOffer() {
        try (TestClient client = TestClient.builder(WebSocketRouteHandshakeTest.app()).baseUrl("http://example.com").open()) {
            var socket = client.websocket("/graphql", Headers.of("Sec-WebSocket-Protocol", "graphql-ws, graphql-transport-ws"));
            assertThat(socket.receiveText()).isEqualTo("speaking graphql-ws");
            var none = client.websocket("/graphql", Headers.of("Sec-WebSocket-Protocol", "mqtt"));
            assertThat(none.receiveText()).isEqualTo("speaking nothing");
        }
    }

    @Test
    void offersOnSeveralProtocolHeaderLinesAreReadLikeOneList() {
        try (TestClient client = TestClient.builder(WebSocketRouteHandshakeTest.app()).baseUrl("http://example.com").open()) {
            Headers twoLines = Headers.builder().add("Sec-WebSocket-Protocol", "mqtt")
                    .add("Sec-WebSocket-Protocol", "graphql-ws, graphql-transport-ws").build();
            assertThat(client.websocket("/graphql", twoLines).receiveText()).isEqualTo("speaking graphql-ws");
        }
    }
}
