package io.gyre.testing.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.gyre.server.WebSocketSession;
import io.gyre.testing.TestClient;
import io.gyre.web.BackgroundTasks;
import io.gyre.web.HttpException;
import io.gyre.web.Routes;
import io.gyre.web.WebApp;
import io.gyre.web.WebSocketRoute;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A WebSocket route's background tasks run only when its handler returned normally, as an HTTP route's do. */
class WebSocketBackgroundTasksTest {
    static final List<String> LOG = new CopyOnWriteArrayList<>();

    @Routes(prefix = "/ws")
    public static final class Feeds {
        @WebSocketRoute("/ok")
        public void ok(WebSocketSession session, BackgroundTasks after) {
            after.add("audit", () -> LOG.add("audit ok"));
            session.send("bye");
        }

        @WebSocketRoute("/broken")
        public void broken(WebSocketSession session, BackgroundTasks after) {
            after.add("audit", () -> LOG.add("audit broken"));
            throw new IllegalStateException("feed unavailable");
        }

        @WebSocketRoute("/refused")
        public void refused(WebSocketSession session, BackgroundTasks after) {
            after.add("audit", () -> LOG.add("audit refused"));
            throw new HttpException(403, "Not your feed");
        }
    }

    static WebApp app() {
        return WebApp.builder("Feeds", "1").routes(Feeds.class).build();
    }

    @Test
    void tasksRunWhenTheHandlerReturnsNormally() {
        LOG.clear();
        try (TestClient client = TestClient.open(app())) {
            var socket = client.websocket("/ws/ok");
            assertThat(socket.receiveText()).isEqualTo("bye");
            assertThat(socket.closeCode()).isEqualTo(1000);
        } // closing drains the background tasks
        assertThat(LOG).containsExactly("audit ok");
    }

    @Test
    void tasksOfAHandlerThatThrewAreDropped() {
        LOG.clear();
        try (LogCapture log = LogCapture.start()) {
            try (TestClient client = TestClient.open(app())) {
                assertThat(client.websocket("/ws/broken").closeCode()).isEqualTo(1011);
                assertThat(client.websocket("/ws/refused").closeCode()).isEqualTo(1008);
            }
            assertThat(log.entries()).filteredOn(e -> e.level().equals("DEBUG") && e.message().contains("background"))
                    .satisfiesExactlyInAnyOrder(
                            e -> assertThat(e.message()).contains("1 background task").contains("WEBSOCKET /ws/broken")
                                    .contains("feed unavailable"),
                            e -> assertThat(e.message()).contains("1 background task").contains("WEBSOCKET /ws/refused")
                                    .contains("403"));
        }
        assertThat(LOG).isEmpty();
    }
}
