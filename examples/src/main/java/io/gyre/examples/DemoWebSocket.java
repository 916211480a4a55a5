package io.gyre.examples;

import io.gyre.server.HttpServer;
import io.gyre.server.WebSocketHandler;
import io.gyre.server.WebSocketMessage;

/**
 * The demo's WebSocket echo at {@code /ws}: every text or binary message comes back unchanged.
 * Wire it into a server with {@link #install(HttpServer.Builder)}:
 *
 * {@snippet :
 * HttpServer server = DemoWebSocket.install(HttpServer.builder().handler(new DemoApp())).build();
 * }
 *
 * Try it with {@code python3 -m websockets ws://127.0.0.1:8000/ws}.
 */
public final class DemoWebSocket {
    /** The path of the echo endpoint. */
    public static final String PATH = "/ws";

    private DemoWebSocket() {
    }

    /**
     * Returns the echo handler.
     *
     * @return a handler that echoes each message until the client closes
     */
    public static WebSocketHandler echo() {
        return session -> {
            for (WebSocketMessage message : session) {
                switch (message) {
                    case WebSocketMessage.Text text -> session.send(text.text());
                    case WebSocketMessage.Binary binary -> session.send(binary.data());
                }
            }
        };
    }

    /**
     * Adds the echo endpoint at {@link #PATH} to a server builder.
     *
     * @param builder the server builder
     * @return the same builder
     */
    public static HttpServer.Builder install(HttpServer.Builder builder) {
        return builder.webSocket(PATH, echo());
    }
}
