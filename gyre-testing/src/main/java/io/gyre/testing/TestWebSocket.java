package io.gyre.testing;

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

    TestWebSocket(MemoryWebSocket socket, CompletableFuture<Void> done, Duration timeout) {
        this.socket = socket;
        this.done = done;
        this.timeout = timeout;
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
        return switch (receive().orElseThrow(() -> new AssertionError("the app closed the WebSocket: "
                + closeCode() + " " + closeReason()))) {
            case WebSocketMessage.Text text -> text.text();
            case WebSocketMessage.Binary binary -> throw new AssertionError("expected text, got " + binary.data().length
                    + " binary bytes");
        };
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
        socket.closeBoth(CloseCodes.NORMAL, "");
        awaitHandler();
    }
}
