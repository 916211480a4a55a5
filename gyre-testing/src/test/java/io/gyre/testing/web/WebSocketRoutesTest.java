package io.gyre.testing.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.gyre.server.WebSocketMessage;
import io.gyre.server.WebSocketSession;
import io.gyre.testing.LiveServer;
import io.gyre.testing.TestClient;
import io.gyre.web.Routes;
import io.gyre.web.WebApp;
import io.gyre.web.WebSocketRoute;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class WebSocketRoutesTest {
    /** A per-connection dependency with cleanup. */
    public static final class Presence implements AutoCloseable {
        static final List<String> LOG = new CopyOnWriteArrayList<>();

        @Override
        public void close() {
            LOG.add("left");
        }
    }

    @Routes(prefix = "/ws")
    public static final class Rooms {
        @WebSocketRoute("/rooms/{room:int}")
        public void join(WebSocketSession session, int room, Optional<@Size(max = 5) String> nick, Presence presence) {
            session.send("welcome " + nick.orElse("anon") + " to " + room);
            for (WebSocketMessage message : session) {
                if (message instanceof WebSocketMessage.Text text) {
                    session.send(room + ": " + text.text());
                }
            }
        }
    }

    WebApp app() {
        return WebApp.builder("Chat", "1").dependency(Presence.class, scope -> new Presence()).routes(Rooms.class).build();
    }

    @Test
    void typedParametersAndDependenciesReachTheSession() {
        Presence.LOG.clear();
        try (TestClient client = TestClient.open(app())) {
            try (var socket = client.websocket("/ws/rooms/7?nick=ann")) {
                assertThat(socket.receiveText()).isEqualTo("welcome ann to 7");
                socket.send("hi");
                assertThat(socket.receiveText()).isEqualTo("7: hi");
            }
            assertThat(Presence.LOG).containsExactly("left");
            assertThat(client.app().webSocketRoutes()).singleElement()
                    .satisfies(r -> assertThat(r.path()).isEqualTo("/ws/rooms/{room:int}"));
            assertThat(client.app().routes()).isEmpty();
        }
    }

    @Test
    void invalidParametersCloseWithPolicyViolation() {
        try (TestClient client = TestClient.open(app())) {
            var socket = client.websocket("/ws/rooms/7?nick=toolongname");
            assertThat(socket.receive()).isEmpty();
            assertThat(socket.closeCode()).isEqualTo(1008);
            assertThat(socket.closeReason()).contains("nick");
        }
    }

    @Test
    @Timeout(30)
    void worksOverARealSocket() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        try (LiveServer server = LiveServer.start(app())) {
            CompletableFuture<String> first = new CompletableFuture<>();
            CompletableFuture<Integer> closed = new CompletableFuture<>();
            URI uri = URI.create(server.uri("/ws/rooms/3").toString().replace("http://", "ws://"));
            WebSocket ws = http.newWebSocketBuilder().buildAsync(uri, new WebSocket.Listener() {
                @Override
                public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                    first.complete(data.toString());
                    webSocket.request(1);
                    return null;
                }

                @Override
                public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                    closed.complete(statusCode);
                    return null;
                }
            }).get(10, TimeUnit.SECONDS);
            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("welcome anon to 3");
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(10, TimeUnit.SECONDS);
            assertThat(closed.get(10, TimeUnit.SECONDS)).isEqualTo(WebSocket.NORMAL_CLOSURE);
        } finally {
            http.shutdownNow();
        }
    }
}
