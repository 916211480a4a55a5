package io.gyre.testing.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.gyre.server.CloseCodes;
import io.gyre.server.WebSocketMessage;
import io.gyre.server.WebSocketSession;
import io.gyre.testing.LiveServer;
import io.gyre.web.Routes;
import io.gyre.web.WebApp;
import io.gyre.web.WebSocketRoute;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A {@code @WebSocketRoute} follows the server-wide WebSocket options, as {@code --ws-max-size} sets them. */
@Timeout(30)
class WebSocketRouteServerDefaultsTest {
    @Routes
    public static final class Echo {
        @WebSocketRoute("/echo")
        public void echo(WebSocketSession session) {
            for (WebSocketMessage m : session) {
                session.send(m);
            }
        }
    }

    @Test
    void aRouteMessageOverTheServerWideLimitClosesWith1009() throws Exception {
        WebApp app = WebApp.builder("Echo", "1").routes(Echo.class).build();
        try (LiveServer server = LiveServer.builder(app)
                .configure(c -> c.set("wsMaxSize", "1k", "--ws-max-size")).start();
                HttpClient client = HttpClient.newHttpClient()) {
            CompletableFuture<Integer> closed = new CompletableFuture<>();
            CompletableFuture<Integer> echoed = new CompletableFuture<>();
            WebSocket ws = client.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + server.port()
                    + "/echo"), new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
                            echoed.complete(data.remaining());
                            socket.request(1);
                            return null;
                        }

                        @Override
                        public CompletionStage<?> onClose(WebSocket socket, int code, String reason) {
                            closed.complete(code);
                            return null;
                        }

                        @Override
                        public void onError(WebSocket socket, Throwable error) {
                            closed.completeExceptionally(error);
                        }
                    }).get(10, TimeUnit.SECONDS);
            ws.sendBinary(ByteBuffer.wrap(new byte[1000]), true).get(10, TimeUnit.SECONDS);
            assertThat(echoed.get(10, TimeUnit.SECONDS)).as("under the limit: echoed").isEqualTo(1000);
            ws.sendBinary(ByteBuffer.wrap(new byte[2000]), true).get(10, TimeUnit.SECONDS);
            assertThat(closed.get(10, TimeUnit.SECONDS)).isEqualTo(CloseCodes.MESSAGE_TOO_BIG);
        }
    }
}
