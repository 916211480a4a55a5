package io.gyre.testing.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.gyre.server.WebSocketSession;
import io.gyre.testing.TestClient;
import io.gyre.web.HttpException;
import io.gyre.web.Routes;
import io.gyre.web.WebApp;
import io.gyre.web.WebSocketRoute;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a failure before a WebSocket route's handler runs closes the session. */
class WebSocketRouteFailuresTest {
    /** Refuses with a client error. */
    public static final class Token {
    }

    /** Fails with a server error. */
    public static final class Database {
    }

    @Routes
    public static final class Guarded {
        @WebSocketRoute("/token")
        public void token(WebSocketSession session, Token token) {
            session.send("in");
        }

        @WebSocketRoute("/database")
        public void database(WebSocketSession session, Database database) {
            session.send("in");
        }
    }

    static WebApp app() {
        return WebApp.builder("Guarded", "1")
                .dependency(Token.class, scope -> {
                    throw new HttpException(401, "no token");
                })
                .dependency(Database.class, scope -> {
                    throw new HttpException(503, Map.of("retry", "later"));
                })
                .routes(Guarded.class).build();
    }

    @Test
    void aClientErrorFromADependencyClosesWithPolicyViolationAndItsDetail() {
        try (TestClient client = TestClient.open(app())) {
            var socket = client.websocket("/token");
            assertThat(socket.receive()).isEmpty();
            assertThat(socket.closeCode()).isEqualTo(1008);
            assertThat(socket.closeReason()).isEqualTo("no token");
        }
    }

    @Test
    void aServerErrorFromADependencyClosesWithInternalErrorAndItsDetailAsJson() {
        try (TestClient client = TestClient.open(app())) {
            var socket = client.websocket("/database");
            assertThat(socket.receive()).isEmpty();
            assertThat(socket.closeCode()).isEqualTo(1011);
            assertThat(socket.closeReason()).isEqualTo("{\"retry\":\"later\"}");
        }
    }
}
