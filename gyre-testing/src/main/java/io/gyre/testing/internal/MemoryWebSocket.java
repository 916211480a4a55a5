package io.gyre.testing.internal;

import io.gyre.runtime.CancelledException;
import io.gyre.server.Request;
import io.gyre.server.WebSocketClosedException;
import io.gyre.server.WebSocketMessage;
import io.gyre.server.WebSocketSession;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Both ends of an in-memory WebSocket: the server side is a {@link WebSocketSession} for the
 * app's handler; the test drives the client side. A close from either side ends both.
 *
 * <p>Thread-safety: the queues are concurrent; {@code closed} is volatile and set once.
 */
public final class MemoryWebSocket implements WebSocketSession {
    private static final Object CLOSE = new Object();

    private final Request request;
    private final Optional<String> subprotocol;
    private final LinkedBlockingQueue<Object> toServer = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<Object> toClient = new LinkedBlockingQueue<>();
    private volatile WebSocketClosedException closed;

    public MemoryWebSocket(Request request, Optional<String> subprotocol) {
        this.request = request;
        this.subprotocol = subprotocol;
    }

    @Override
    public Request request() {
        return request;
    }

    @Override
    public Optional<String> subprotocol() {
        return subprotocol;
    }

    @Override
    public boolean compressed() {
        return false;
    }

    @Override
    public WebSocketMessage receive() {
        try {
            Object next = toServer.take();
            if (next == CLOSE) {
                toServer.put(CLOSE);
                throw closed;
            }
            return (WebSocketMessage) next;
        } catch (InterruptedException e) {
            throw new CancelledException("interrupted while receiving");
        }
    }

    @Override
    public void send(String text) {
        deliver(WebSocketMessage.text(text));
    }

    @Override
    public void send(byte[] data) {
        deliver(WebSocketMessage.binary(data.clone()));
    }

    @Override
    public void send(ByteBuffer data) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        deliver(WebSocketMessage.binary(bytes));
    }

    private void deliver(WebSocketMessage message) {
        if (closed != null) {
            throw closed;
        }
        toClient.add(message);
    }

    @Override
    public void close(int code, String reason) {
        closeBoth(code, reason);
    }

    @Override
    public boolean isOpen() {
        return closed == null;
    }

    @Override
    public Optional<WebSocketClosedException> closeStatus() {
        return Optional.ofNullable(closed);
    }

    // ---- the client side ----

    public void clientSend(WebSocketMessage message) {
        if (closed != null) {
            throw new IllegalStateException("the WebSocket is closed (code " + closed.code() + " " + closed.reason() + ")");
        }
        toServer.add(message);
    }

    /** The next message from the server, or empty once the server closed and nothing is left. */
    public Optional<WebSocketMessage> clientReceive(Duration timeout) throws InterruptedException {
        Object next = toClient.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (next == null) {
            throw new AssertionError("no WebSocket message from the app within " + timeout);
        }
        if (next == CLOSE) {
            toClient.put(CLOSE);
            return Optional.empty();
        }
        return Optional.of((WebSocketMessage) next);
    }

    public void closeBoth(int code, String reason) {
        synchronized (this) {
            if (closed != null) {
                return;
            }
            closed = new WebSocketClosedException(code, reason);
        }
        toServer.add(CLOSE);
        toClient.add(CLOSE);
    }
}
