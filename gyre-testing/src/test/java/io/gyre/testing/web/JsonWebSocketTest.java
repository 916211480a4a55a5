package io.gyre.testing.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import io.gyre.testing.LiveServer;
import io.gyre.testing.TestClient;
import io.gyre.web.InvalidMessageException;
import io.gyre.web.JsonWebSocket;
import io.gyre.web.Routes;
import io.gyre.web.WebApp;
import io.gyre.web.WebSocketRoute;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** JsonWebSocket: FastAPI's receive_json and send_json, typed, with bad messages closing 1007. */
class JsonWebSocketTest {
    /** A move in a game. */
    public record Move(int x, int y) {
        /** Refuses moves off the board. */
        public Move {
            if (x < 0 || y < 0) {
                throw new IllegalArgumentException("a move is on the board: x and y >= 0");
            }
        }
    }

    /** What the game answers. */
    public record Played(long game, Move move, int count) {
    }

    /** A value the mapper cannot write. */
    public static final class Opaque {
        /**
         * Fails, as a getter reaching a closed resource would.
         *
         * @return never
         */
        public String getValue() {
            throw new IllegalStateException("the resource behind this value is closed");
        }
    }

    @Routes
    public static final class Games {
        @WebSocketRoute("/games/{id}")
        public void play(long id, JsonWebSocket socket) {
            int count = 0;
            while (true) {
                Move move = socket.receive(Move.class);
                socket.send(new Played(id, move, ++count));
            }
        }

        @WebSocketRoute("/forgiving")
        public void forgiving(JsonWebSocket socket) {
            while (true) {
                try {
                    List<Move> moves = socket.receive(new TypeReference<List<Move>>() { });
                    socket.send(Map.of("moves", moves.size()));
                } catch (InvalidMessageException e) {
                    socket.send(Map.of("error", e.getMessage()));
                }
            }
        }

        @WebSocketRoute("/opaque")
        public void opaque(JsonWebSocket socket) {
            try {
                socket.send(new Opaque());
            } catch (IllegalArgumentException e) {
                socket.session().send(e.getMessage());
            }
        }
    }

    private static WebApp app() {
        return WebApp.builder("Games", "1").routes(Games.class).build();
    }

    @Test
    void aTypedMessageInATypedMessageOutAsTextOrBinary() {
        try (TestClient client = TestClient.open(app()); var socket = client.websocket("/games/7")) {
            socket.send("{\"x\":1,\"y\":2}");
            assertThat(socket.receiveJson().toString()).isEqualTo("{\"game\":7,\"move\":{\"x\":1,\"y\":2},\"count\":1}");
            socket.send("{\"x\":3,\"y\":4}".getBytes(StandardCharsets.UTF_8));
            assertThat(socket.receiveJson().path("count").asInt()).isEqualTo(2);
        }
    }

    @Test
    void aMessageThatIsNotJsonClosesWith1007AndAReasonWithoutAnErrorLog() {
        try (LogCapture log = LogCapture.start(); TestClient client = TestClient.open(app())) {
            var socket = client.websocket("/games/7");
            socket.send("{\"x\":1,");
            assertThat(socket.receive()).isEmpty();
            assertThat(socket.closeCode()).isEqualTo(1007);
            assertThat(socket.closeReason()).startsWith("message is not JSON: ");
            assertThat(log.problems()).isEmpty();
        }
    }

    @Test
    void jsonOfTheWrongShapeNamesTheTypeAndTheField() {
        try (TestClient client = TestClient.open(app())) {
            var wrongType = client.websocket("/games/1");
            wrongType.send("{\"x\":\"left\",\"y\":2}");
            assertThat(wrongType.receive()).isEmpty();
            assertThat(wrongType.closeCode()).isEqualTo(1007);
            assertThat(wrongType.closeReason()).startsWith("message is not a Move at x: ");
            var refused = client.websocket("/games/1");
            refused.send("{\"x\":-1,\"y\":2}");
            assertThat(refused.receive()).isEmpty();
            assertThat(refused.closeCode()).isEqualTo(1007);
            assertThat(refused.closeReason()).startsWith("message is not a Move").contains("on the board");
        }
    }

    @Test
    void aRouteThatCatchesTheBadMessageAnswersItAndGoesOn() {
        try (TestClient client = TestClient.open(app()); var socket = client.websocket("/forgiving")) {
            socket.send("[{\"x\":1,\"y\":1},{\"x\":2,\"y\":2}]");
            assertThat(socket.receiveJson().path("moves").asInt()).isEqualTo(2);
            socket.send("[{\"x\":1,\"y\":1}, 7]");
            assertThat(socket.receiveJson().path("error").asText()).startsWith("message is not a List at 1: ");
            socket.send("[{\"x\":1}]");
            assertThat(socket.receiveJson().path("error").asText()).startsWith("message is not a List at 0.y: ");
            socket.send("[]");
            assertThat(socket.receiveJson().path("moves").asInt()).isZero();
        }
    }

    @Test
    void aValueTheMapperCannotWriteIsRefusedAndNothingIsSent() {
        try (TestClient client = TestClient.open(app()); var socket = client.websocket("/opaque")) {
            assertThat(socket.receiveText()).startsWith("JsonWebSocket.send: the app's ObjectMapper cannot write a "
                    + Opaque.class.getName());
        }
    }

    @Test
    void aJsonWebSocketParameterOnAnHttpRouteFailsTheBuild() {
        assertThatThrownBy(() -> WebApp.builder("Bad", "1").routes(HttpWithSocket.class).build())
                .hasMessageContaining("a JsonWebSocket parameter needs @WebSocketRoute");
    }

    @Routes
    public static final class HttpWithSocket {
        @io.gyre.web.Get("/bad")
        public String bad(JsonWebSocket socket) {
            return "never";
        }
    }

    @Test
    @Timeout(30)
    void overARealSocketTheClientLeavingEndsTheRouteQuietly() throws Exception {
        try (LogCapture log = LogCapture.start(); LiveServer server = LiveServer.start(app())) {
            CompletableFuture<String> answer = new CompletableFuture<>();
            CompletableFuture<Integer> closed = new CompletableFuture<>();
            URI uri = URI.create(server.uri("/games/9").toString().replace("http://", "ws://"));
            WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, new WebSocket.Listener() {
                @Override
                public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                    answer.complete(data.toString());
                    webSocket.request(1);
                    return null;
                }

                @Override
                public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                    closed.complete(statusCode);
                    return null;
                }
            }).get(10, TimeUnit.SECONDS);
            ws.sendText("{\"x\":5,\"y\":6}", true).get(10, TimeUnit.SECONDS);
            assertThat(answer.get(10, TimeUnit.SECONDS)).isEqualTo("{\"game\":9,\"move\":{\"x\":5,\"y\":6},\"count\":1}");
            ws.sendClose(1000, "bye").get(10, TimeUnit.SECONDS);
            assertThat(closed.get(10, TimeUnit.SECONDS)).isEqualTo(1000);
            assertThat(log.problems()).isEmpty();
        }
    }
}
