package io.gyre.web;

import com.fasterxml.jackson.core.type.TypeReference;
import io.gyre.server.WebSocketSession;

/**
 * A WebSocket route's session that speaks JSON through the app's {@code ObjectMapper}:
 * FastAPI's {@code websocket.receive_json()} and {@code send_json()}, typed. Declare it as a
 * parameter of a {@link WebSocketRoute} method instead of (or beside) {@link WebSocketSession}.
 *
 * {@snippet :
 * record Move(int x, int y) {}
 * record Board(List<Move> moves) {}
 *
 * @WebSocketRoute("/games/{id}")
 * public void play(long id, JsonWebSocket socket) {
 *     while (true) {
 *         try {
 *             Move move = socket.receive(Move.class); // WebSocketClosedException when the client leaves
 *             socket.send(games.play(id, move));
 *         } catch (InvalidMessageException e) {
 *             socket.send(Map.of("error", e.getMessage())); // or let it close the session with 1007
 *         }
 *     }
 * }
 * }
 *
 * <p>A message that is not JSON of the asked type throws {@link InvalidMessageException}; the
 * route may catch it and go on, and if it does not, the session closes with 1007 (the data is
 * not what the message should hold) and the reason, logged at DEBUG: a client's bad message is
 * not a server error. Text and binary messages are both read (binary as UTF-8 JSON); values are
 * sent as text messages.
 *
 * <p>Thread-safety: as {@link WebSocketSession}: any thread may send; one thread at a time
 * should receive.
 */
public interface JsonWebSocket {
    /**
     * Waits for the next message and reads it as JSON of a type. Blocking; a cancellation point.
     *
     * @param <T> the type
     * @param type the type, such as a record
     * @return the value
     * @throws InvalidMessageException if the message is not JSON, or not JSON of {@code type}
     * @throws io.gyre.server.WebSocketClosedException once the session is closed and no message
     *     is left
     */
    <T> T receive(Class<T> type);

    /**
     * Waits for the next message and reads it as JSON of a generic type, such as
     * {@code List<Move>}. Blocking; a cancellation point.
     *
     * @param <T> the type
     * @param type the type, such as {@code new TypeReference<List<Move>>() {}}
     * @return the value
     * @throws InvalidMessageException if the message is not JSON, or not JSON of {@code type}
     * @throws io.gyre.server.WebSocketClosedException once the session is closed and no message
     *     is left
     */
    <T> T receive(TypeReference<T> type);

    /**
     * Sends a value as a JSON text message.
     *
     * @param value the value, written by the app's mapper
     * @throws IllegalArgumentException if the mapper cannot write the value (nothing is sent)
     * @throws io.gyre.server.WebSocketClosedException if the session is closing or closed
     */
    void send(Object value);

    /**
     * Returns the session underneath, to send text or bytes as they are, close with a code, or
     * read the handshake request.
     *
     * @return the session
     */
    WebSocketSession session();
}
