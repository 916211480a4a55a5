package io.gyre.server;

import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * One open WebSocket connection, seen from the {@link WebSocketHandler}'s task.
 *
 * <p>Receiving: {@link #receive()} blocks until a complete message arrives; once the session is
 * closed (and every message received before the close was taken) it throws
 * {@link WebSocketClosedException} with the close code. Iterating over the session yields the
 * messages and simply ends at the close; {@link #closeStatus()} then tells the code. Messages
 * wait in a bounded queue ({@link WebSocketConfig#inboundQueue()}); while it is full the server
 * stops reading from the socket, so a slow handler slows the client down instead of buffering
 * without bound.
 *
 * <p>Sending: each {@code send} hands one message to the connection and then blocks while the
 * connection's outbound buffer is above the server's write high watermark
 * ({@link ServerConfig#writeHighWatermark()}). Sends are a cancellation point.
 *
 * <p>Closing: {@link #close(int, String)} sends a close frame; the server completes the closing
 * handshake on its own (bounded by {@link WebSocketConfig#closeTimeout()}).
 *
 * <p>Thread-safety: all methods may be called from any thread; messages sent concurrently
 * leave whole, one after another. One thread at a time should receive.
 *
 * {@snippet :
 * WebSocketHandler chat = session -> {
 *     session.send("welcome");
 *     try {
 *         while (true) {
 *             if (session.receive() instanceof WebSocketMessage.Text t) {
 *                 session.send("you said: " + t.text());
 *             }
 *         }
 *     } catch (WebSocketClosedException e) {
 *         System.out.println("client left with code " + e.code());
 *     }
 * };
 * }
 */
public interface WebSocketSession extends Iterable<WebSocketMessage> {
    /**
     * Returns the handshake request: path, query, headers, client address.
     *
     * @return the upgrade request (its body is empty)
     */
    Request request();

    /**
     * Returns the subprotocol the server selected from the client's
     * {@code Sec-WebSocket-Protocol} offer.
     *
     * @return the subprotocol, or empty when none was agreed
     */
    Optional<String> subprotocol();

    /**
     * Tells whether permessage-deflate compression was negotiated.
     *
     * @return {@code true} if messages may be compressed
     */
    boolean compressed();

    /**
     * Waits for the next message. Blocking; a cancellation point.
     *
     * @return the next complete message
     * @throws WebSocketClosedException once the session is closed and no message is left
     * @throws io.gyre.runtime.CancelledException if the task is cancelled while waiting
     */
    WebSocketMessage receive();

    /**
     * Sends a text message.
     *
     * @param text the text
     * @throws WebSocketClosedException if the session is closing or closed
     * @throws io.gyre.runtime.CancelledException if the task is cancelled while the send waits
     *     for the client to read
     */
    void send(String text);

    /**
     * Sends a binary message.
     *
     * @param data the bytes (not kept after the call returns)
     * @throws WebSocketClosedException if the session is closing or closed
     * @throws io.gyre.runtime.CancelledException if the task is cancelled while the send waits
     *     for the client to read
     */
    void send(byte[] data);

    /**
     * Sends the remaining bytes of {@code data} as a binary message (consuming them).
     *
     * @param data the bytes
     * @throws WebSocketClosedException if the session is closing or closed
     * @throws io.gyre.runtime.CancelledException if the task is cancelled while the send waits
     *     for the client to read
     */
    void send(ByteBuffer data);

    /**
     * Sends a message of either kind, e.g. to echo one.
     *
     * @param message the message
     * @throws WebSocketClosedException if the session is closing or closed
     * @throws io.gyre.runtime.CancelledException if the task is cancelled while the send waits
     *     for the client to read
     */
    default void send(WebSocketMessage message) {
        switch (message) {
            case WebSocketMessage.Text t -> send(t.text());
            case WebSocketMessage.Binary b -> send(b.data());
        }
    }

    /**
     * Closes with {@link CloseCodes#NORMAL}. Idempotent; does not block.
     */
    default void close() {
        close(CloseCodes.NORMAL, "");
    }

    /**
     * Starts the closing handshake: sends a close frame with {@code code} and {@code reason};
     * the server waits for the peer's close frame (up to {@link WebSocketConfig#closeTimeout()})
     * and then closes the connection. Does nothing if the session is already closing. Does not
     * block.
     *
     * @param code a code that may be sent ({@link CloseCodes#isValid(int)})
     * @param reason a reason of at most 123 UTF-8 bytes (longer ones are cut)
     * @throws IllegalArgumentException if the code may not be sent
     */
    void close(int code, String reason);

    /**
     * Tells whether messages may still be sent (no close frame was sent or received).
     *
     * @return {@code true} while open
     */
    boolean isOpen();

    /**
     * Returns how the session closed, once it has: the code and reason as a
     * {@link WebSocketClosedException} (not thrown).
     *
     * @return the close status, or empty while the session is open or closing
     */
    Optional<WebSocketClosedException> closeStatus();

    /**
     * Iterates over the messages until the session closes: {@code hasNext()} blocks like
     * {@link #receive()} and returns {@code false} at the close.
     *
     * @return an iterator over incoming messages
     */
    @Override
    default Iterator<WebSocketMessage> iterator() {
        return new Iterator<>() {
            private WebSocketMessage next;
            private boolean done;

            @Override
            public boolean hasNext() {
                if (next == null && !done) {
                    try {
                        next = receive();
                    } catch (WebSocketClosedException e) {
                        done = true;
                    }
                }
                return next != null;
            }

            @Override
            public WebSocketMessage next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException("the WebSocket session is closed");
                }
                WebSocketMessage m = next;
                next = null;
                return m;
            }
        };
    }

    /**
     * Returns the incoming messages as a sequential stream that ends at the close.
     *
     * @return a stream of messages
     */
    default Stream<WebSocketMessage> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED), false);
    }
}
