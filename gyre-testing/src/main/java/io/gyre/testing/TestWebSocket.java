package io.gyre.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gyre.server.CloseCodes;
import io.gyre.server.WebSocketMessage;
import io.gyre.testing.internal.MemoryWebSocket;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The client end of an in-process WebSocket opened by {@link TestClient#websocket(String)}.
 *
 * <p>Thread-safety: use it from one test thread.
 */
public final class TestWebSocket implements AutoCloseable {
    private final MemoryWebSocket socket;
    private final CompletableFuture<Void> done;
    private final Duration timeout;
    private final ObjectMapper mapper;

    TestWebSocket(MemoryWebSocket socket, CompletableFuture<Void> done, Duration timeout, ObjectMapper mapper) {
        this.socket = socket;
        this.done = done;
        this.timeout = timeout;
        this.mapper = mapper;
    }

    /**
     * Sends a text message to the app.
     *
     * @param text the text
     * @return this socket
     * @throws IllegalStateException if the socket is closed
     */
    public TestWebSocket send(String text) {
        socket.clientSend(WebSocketMessage.text(text));
        return this;
    }

    /**
     * Sends a binary message to the app.
     *
     * @param data the bytes
     * @return this socket
     * @throws IllegalStateException if the socket is closed
     */
    public TestWebSocket send(byte[] data) {
        socket.clientSend(WebSocketMessage.binary(data.clone()));
        return this;
    }

    /**
     * Sends a value as a JSON text message, serialized by the app's mapper.
     *
     * @param value the value
     * @return this socket
     * @throws IllegalStateException if the socket is closed
     * @throws IllegalArgumentException if the value cannot be serialized
     */
    public TestWebSocket sendJson(Object value) {
        try {
            return send(mapper.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialize " + value + ": " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Waits for the next message from the app.
     *
     * @return the message, or empty once the app closed the socket
     * @throws AssertionError if nothing arrives within the client's timeout
     */
    public Optional<WebSocketMessage> receive() {
        try {
            return socket.clientReceive(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for a WebSocket message", e);
        }
    }

    /**
     * Waits for the next message and requires it to be text.
     *
     * @return the text
     * @throws AssertionError if the socket closed or the message is binary
     */
    public String receiveText() {
        return switch (next("text")) {
            case WebSocketMessage.Text text -> text.text();
            case WebSocketMessage.Binary binary -> throw new AssertionError("expected a text WebSocket message, got "
                    + binary.data().length + " binary bytes");
        };
    }

    /**
     * Waits for the next message and requires it to be binary.
     *
     * @return the bytes
     * @throws AssertionError if the socket closed or the message is text
     */
    public byte[] receiveBytes() {
        return switch (next("binary")) {
            case WebSocketMessage.Binary binary -> binary.data().clone();
            case WebSocketMessage.Text text -> throw new AssertionError("expected a binary WebSocket message, got text: "
                    + abbreviate(text.text()));
        };
    }

    /**
     * Waits for the next message and parses it as JSON (text or binary).
     *
     * @return the JSON tree
     * @throws AssertionError if the socket closed or the message is not JSON
     */
    public JsonNode receiveJson() {
        WebSocketMessage message = next("JSON");
        String text = switch (message) {
            case WebSocketMessage.Text t -> t.text();
            case WebSocketMessage.Binary b -> new String(b.data(), java.nio.charset.StandardCharsets.UTF_8);
        };
        try {
            return mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new AssertionError("expected a JSON WebSocket message, got: " + abbreviate(text) + " ("
                    + e.getOriginalMessage() + ")", e);
        }
    }

    private WebSocketMessage next(String expected) {
        return receive().orElseThrow(() -> new AssertionError("expected a " + expected
                + " WebSocket message, but the app closed the WebSocket: " + closeCode() + " " + closeReason()));
    }

    private static String abbreviate(String text) {
        return "'" + (text.length() > 500 ? text.substring(0, 500) + "..." : text) + "'";
    }

    /**
     * Waits until the app's handler ended and returns the close code.
     *
     * @return the close code, such as 1000 or 1008
     * @throws AssertionError if the handler does not end within the client's timeout
     */
    public int closeCode() {
        awaitHandler();
        return socket.closeStatus().map(e -> e.code()).orElse(CloseCodes.NORMAL);
    }

    /**
     * Waits until the app's handler ended and returns the close reason.
     *
     * @return the reason, possibly empty
     */
    public String closeReason() {
        awaitHandler();
        return socket.closeStatus().map(e -> e.reason()).orElse("");
    }

    private void awaitHandler() {
        try {
            done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("the WebSocket handler did not end within " + timeout);
        } catch (ExecutionException e) {
            return; // the session was closed with 1011 already
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Closes from the client side with 1000 and waits for the app's handler to end.
     */
    @Override
    public void close() {
        close(CloseCodes.NORMAL, "");
    }

    /**
     * Closes from the client side with a code and reason (the app's {@code receive} throws a
     * {@code WebSocketClosedException} carrying them) and waits for the app's handler to end.
     * Nothing happens if the socket is closed already.
     *
     * @param code the close code, such as 1001 (going away)
     * @param reason the reason, possibly empty
     * @throws AssertionError if the handler does not end within the client's timeout
     */
    public void close(int code, String reason) {
        socket.closeBoth(code, reason);
        awaitHandler();
    }
}
