package io.gyre.server;

/**
 * Runs one WebSocket session after a successful upgrade: the blocking-style counterpart of an
 * ASGI websocket application.
 *
 * <p>The handler runs as a task on its own virtual thread, so it may block in
 * {@link WebSocketSession#receive()} and {@link WebSocketSession#send(String)}. When it returns,
 * a session that is still open is closed with {@link CloseCodes#NORMAL}; when it throws, with
 * {@link CloseCodes#INTERNAL_ERROR}. A {@link WebSocketClosedException} escaping the handler is
 * the normal end of a session that the peer (or the server) closed, and is not logged.
 *
 * {@snippet :
 * WebSocketHandler echo = session -> {
 *     for (WebSocketMessage message : session) {
 *         session.send(message);
 *     }
 * };
 * }
 */
@FunctionalInterface
public interface WebSocketHandler {
    /**
     * Runs the session until it ends.
     *
     * @param session the open session
     * @throws Exception any failure: the session is closed with 1011 and the failure is logged
     */
    void handle(WebSocketSession session) throws Exception;
}
