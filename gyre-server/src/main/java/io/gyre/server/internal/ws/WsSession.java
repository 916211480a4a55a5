package io.gyre.server.internal.ws;

import io.gyre.runtime.Cancellation;
import io.gyre.runtime.CancelledException;
import io.gyre.runtime.ClosedException;
import io.gyre.runtime.Task;
import io.gyre.runtime.Timer;
import io.gyre.runtime.internal.log.LazyLogger;
import io.gyre.server.CloseCodes;
import io.gyre.server.Request;
import io.gyre.server.WebSocketClosedException;
import io.gyre.server.WebSocketConfig;
import io.gyre.server.WebSocketHandler;
import io.gyre.server.WebSocketMessage;
import io.gyre.server.WebSocketSession;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One WebSocket session: the protocol state machine on the loop and the blocking API for the
 * handler's task.
 */
public final class WsSession implements WebSocketSession, FrameParser.Listener {
    /*
     * Overview: states OPEN -> CLOSE_SENT (our close frame is out, waiting for the peer's) ->
     * CLOSED (a close frame was received, the connection failed or dropped, or the close timeout
     * passed). A peer close in OPEN is echoed and the server closes TCP first (closeAfterFlush).
     *
     * Output order: every frame, from any thread, is added to `outbox` under `lock` (together with
     * the state check, so no data frame follows a close frame; only the pong that answers a ping
     * received in CLOSE_SENT may) and handed to the connection by
     * drainOutbox() on the loop in that order. Loop callbacks cannot simply write, since a write
     * posted earlier by a task could still be waiting in the loop's queue.
     *
     * Threads: `lock` guards inbox, state, status, paused, peerClosed; `changed` wakes receivers
     * and senders. `sendLock` serialises compress-and-enqueue so frames leave in compression order
     * (permessage-deflate context) and guards `deflater`. Fields marked "loop" are loop-only.
     * No lock is held while calling the transport or user code.
     */
    private enum State { OPEN, CLOSE_SENT, CLOSED }

    private static final System.Logger LOG = LazyLogger.named("io.gyre.server");
    /** Messages shorter than this are sent uncompressed: deflate would not pay off. */
    private static final int MIN_COMPRESS_BYTES = 32;

    private final WsTransport transport;
    private final Request request;
    private final WebSocketConfig config;
    private final Optional<String> subprotocol;
    private final String path;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ReentrantLock sendLock = new ReentrantLock();
    private final ArrayDeque<WebSocketMessage> inbox = new ArrayDeque<>();
    private final ConcurrentLinkedQueue<ByteBuffer> outbox = new ConcurrentLinkedQueue<>();
    private final AtomicLong outboxBytes = new AtomicLong();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final FrameParser parser; // loop
    private final MessageInflater inflater; // loop; null without compression
    private MessageDeflater deflater; // sendLock; null without compression or once released

    private State state = State.OPEN;
    private WebSocketClosedException status;
    private boolean peerClosed;
    private boolean paused;
    private int sentCode;
    private String sentReason = "";

    private boolean failed; // loop
    private boolean connectionClosed; // loop
    private boolean shuttingDown; // loop
    private Timer pingTimer; // loop
    private Timer pongTimer; // loop
    private Timer closeTimer; // loop
    private byte[] pingPayload; // loop: the unanswered keepalive ping
    private long pings; // loop
    /** The task that runs the handler: the handshake's, on which the session is created. */
    private final Task<?> task;
    /** Set once the handler returned or threw: a connection closing then cancels nothing. */
    private volatile boolean handlerEnded;

    /**
     * Creates a session for an accepted handshake, on the task that is to run its handler.
     *
     * @param transport the connection
     * @param request the handshake request
     * @param config the endpoint's limits
     * @param handshake the accepted handshake (subprotocol, compression)
     */
    public WsSession(WsTransport transport, Request request, WebSocketConfig config, Handshake.Accepted handshake) {
        this.transport = transport;
        this.request = request;
        this.config = config;
        this.subprotocol = handshake.subprotocol();
        this.path = request.path();
        DeflateAgreement d = handshake.deflate().orElse(null);
        this.inflater = d == null ? null : new MessageInflater(d.clientNoContextTakeover());
        this.deflater = d == null ? null : new MessageDeflater(d.serverNoContextTakeover());
        this.parser = new FrameParser(config.maxMessageBytes(), inflater, this);
        this.task = Task.current().orElse(null); // taken now: the connection may close before run()
    }

    // ------------------------------------------------------------------------ task side

    /**
     * Task: runs the handler, then makes sure the session closes; throws only cancellation.
     *
     * @param handler the endpoint's handler
     */
    public void run(WebSocketHandler handler) {
        post(this::armKeepalive);
        try {
            handler.handle(this);
            close(CloseCodes.NORMAL, "");
        } catch (WebSocketClosedException e) {
            // the normal end of a session that was closed
        } catch (CancelledException e) {
            close(config.shutdownCloseCode(), "");
            throw e;
        } catch (Throwable t) {
            LOG.log(Level.WARNING, "WebSocket handler for '" + path + "' (client " + transport.peer()
                    + ") failed; closing the session with 1011", t);
            close(CloseCodes.INTERNAL_ERROR, "internal error");
        } finally {
            handlerEnded = true;
            sendLock.lock();
            try {
                if (deflater != null) {
                    deflater.close();
                    deflater = null;
                }
            } finally {
                sendLock.unlock();
            }
        }
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
        return inflater != null;
    }

    @Override
    public WebSocketMessage receive() {
        WebSocketMessage m;
        boolean resume = false;
        lock.lock();
        try {
            while ((m = inbox.poll()) == null) {
                if (peerClosed || state == State.CLOSED) {
                    throw closedStatus();
                }
                try {
                    changed.await();
                } catch (InterruptedException e) {
                    throw cancelled("waiting for a WebSocket message");
                }
            }
            if (paused && inbox.size() < config.inboundQueue()) {
                paused = false;
                resume = true;
            }
        } finally {
            lock.unlock();
        }
        if (resume) {
            transport.resumeReading();
        }
        return m;
    }

    @Override
    public void send(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        sendData(Opcode.TEXT, b, 0, b.length);
    }

    @Override
    public void send(byte[] data) {
        sendData(Opcode.BINARY, data, 0, data.length);
    }

    @Override
    public void send(ByteBuffer data) {
        byte[] b = new byte[data.remaining()];
        data.get(b);
        sendData(Opcode.BINARY, b, 0, b.length);
    }

    private void sendData(int opcode, byte[] b, int off, int len) {
        if (transport.loop().inLoop()) {
            throw new IllegalStateException("WebSocketSession.send was called on loop thread '"
                    + Thread.currentThread().getName() + "'; it may block, which would stall the loop. Send from"
                    + " the session's handler or another task.");
        }
        sendLock.lock();
        try {
            checkOpen();
            ByteBuffer frame;
            if (deflater != null && len >= MIN_COMPRESS_BYTES) {
                byte[] z = deflater.compress(b, off, len);
                frame = FrameEncoder.frame(opcode, true, z, 0, z.length);
            } else {
                frame = FrameEncoder.frame(opcode, false, b, off, len);
            }
            lock.lock();
            try {
                if (state != State.OPEN) {
                    throw closedStatus();
                }
                queue(frame);
            } finally {
                lock.unlock();
            }
        } finally {
            sendLock.unlock();
        }
        scheduleDrain();
        awaitWritable();
    }

    private void checkOpen() {
        lock.lock();
        try {
            if (state != State.OPEN) {
                throw closedStatus();
            }
        } finally {
            lock.unlock();
        }
    }

    private void awaitWritable() {
        long high = transport.highWatermark();
        if (outboxBytes.get() > high) {
            lock.lock();
            try {
                while (outboxBytes.get() > high && state != State.CLOSED) {
                    try {
                        changed.await();
                    } catch (InterruptedException e) {
                        throw cancelled("waiting for the WebSocket client to read");
                    }
                }
            } finally {
                lock.unlock();
            }
        }
        try {
            transport.awaitWritable();
        } catch (IOException e) {
            throw closedStatus();
        }
    }

    @Override
    public void close(int code, String reason) {
        if (!CloseCodes.isValid(code)) {
            throw new IllegalArgumentException("close code " + code + " cannot be sent in a close frame;"
                    + " use 1000 (normal), 1001, 1008, 1011, or an application code 3000-4999");
        }
        if (!startClose(code, reason)) {
            return;
        }
        if (transport.loop().inLoop()) {
            drainOutbox();
            armCloseTimer();
        } else {
            scheduleDrain();
            post(this::armCloseTimer);
        }
    }

    /**
     * Any thread: OPEN -> CLOSE_SENT with the close frame queued; false if not open. Reading
     * resumes if a full inbox paused it: the peer's close frame must get through.
     */
    private boolean startClose(int code, String reason) {
        boolean resume;
        lock.lock();
        try {
            if (state != State.OPEN) {
                return false;
            }
            state = State.CLOSE_SENT;
            sentCode = code;
            sentReason = reason;
            queue(FrameEncoder.close(code, reason));
            resume = paused;
            paused = false;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (resume) {
            transport.resumeReading();
        }
        return true;
    }

    @Override
    public boolean isOpen() {
        lock.lock();
        try {
            return state == State.OPEN;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<WebSocketClosedException> closeStatus() {
        lock.lock();
        try {
            return state == State.CLOSED ? Optional.ofNullable(status) : Optional.empty();
        } finally {
            lock.unlock();
        }
    }

    /** Under lock: the exception describing the close (or the closing handshake under way). */
    private WebSocketClosedException closedStatus() {
        if (status != null) {
            return new WebSocketClosedException(status.code(), status.reason());
        }
        return new WebSocketClosedException(sentCode == 0 ? CloseCodes.NORMAL : sentCode, sentReason);
    }

    private static CancelledException cancelled(String what) {
        Cancellation.checkpoint();
        return new CancelledException("interrupted while " + what);
    }

    // ----------------------------------------------------------------------- output path

    /** Under lock: adds a frame to the outbox. */
    private void queue(ByteBuffer frame) {
        outboxBytes.addAndGet(frame.remaining());
        outbox.add(frame);
    }

    private void scheduleDrain() {
        if (drainScheduled.compareAndSet(false, true) && !post(this::drainOutbox)) {
            drainScheduled.set(false);
        }
    }

    /** Loop: hands the queued frames to the connection, in order. */
    private void drainOutbox() {
        drainScheduled.set(false);
        ByteBuffer b;
        long n = 0;
        while ((b = outbox.poll()) != null) {
            n += b.remaining();
            if (!connectionClosed) {
                try {
                    transport.write(b);
                } catch (IOException e) {
                    connectionClosed = true;
                }
            }
        }
        if (n > 0 && outboxBytes.addAndGet(-n) <= transport.highWatermark()) {
            lock.lock();
            try {
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    private boolean post(Runnable r) {
        try {
            transport.loop().execute(r);
            return true;
        } catch (ClosedException e) {
            return false;
        }
    }

    private Timer schedule(Duration delay, Runnable r) {
        try {
            return transport.loop().callLater(delay, r);
        } catch (ClosedException e) {
            return null;
        }
    }

    private static void cancel(Timer t) {
        if (t != null) {
            t.cancel();
        }
    }

    // ------------------------------------------------------------------------ loop side

    /**
     * Loop: parses input.
     *
     * @param in the connection's input
     * @return {@code true} to pause reading (the inbox is full)
     */
    public boolean onInput(ByteBuffer in) {
        try {
            while (in.hasRemaining() && !failed && !parser.isClosed() && !isPaused()) {
                parser.parse(in);
            }
        } catch (WsProtocolException e) {
            fail(e.code(), e.reason());
        }
        if (failed || parser.isClosed()) {
            in.position(in.limit());
            return false;
        }
        return isPaused();
    }

    private boolean isPaused() {
        lock.lock();
        try {
            return paused;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void onMessage(boolean text, byte[] payload) {
        WebSocketMessage m = text ? new WebSocketMessage.Text(new String(payload, StandardCharsets.UTF_8))
                : new WebSocketMessage.Binary(payload);
        lock.lock();
        try {
            if (state != State.OPEN) {
                // our close frame is out: keep reading towards the peer's, but hold no more than the
                // queue's worth of messages the application may never ask for
                if (inbox.size() < config.inboundQueue()) {
                    inbox.add(m);
                }
            } else {
                inbox.add(m);
                if (inbox.size() >= config.inboundQueue()) {
                    paused = true;
                }
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Loop: answers a ping, also while our close frame waits for the peer's (RFC 6455 section
     * 5.5.2 excuses only an endpoint that already received a close frame; a pong is a control
     * frame, which may follow a close frame).
     */
    @Override
    public void onPing(byte[] payload) {
        lock.lock();
        try {
            if (state == State.CLOSED) {
                return;
            }
            queue(FrameEncoder.frame(Opcode.PONG, payload));
        } finally {
            lock.unlock();
        }
        drainOutbox();
    }

    @Override
    public void onPong(byte[] payload) {
        if (pingPayload != null && java.util.Arrays.equals(payload, pingPayload)) {
            pingPayload = null;
            cancel(pongTimer);
        }
    }

    @Override
    public void onClose(int code, String reason) {
        closeWith(code, reason, true); // echo the code (an empty frame for 1005)
    }

    /** Loop: fails the connection: close frame with {@code code} (if none was sent), then close TCP. */
    private void fail(int code, String reason) {
        failed = true;
        LOG.log(Level.DEBUG, () -> "WebSocket '" + path + "' from " + transport.peer() + " failed: " + code + " "
                + reason);
        closeWith(code, reason, false);
    }

    /**
     * Loop: ends the session with {@code code}: a close frame unless one was sent already, the
     * status for the application, then TCP closes once the outbox is flushed.
     */
    private void closeWith(int code, String reason, boolean byPeer) {
        lock.lock();
        try {
            if (byPeer) {
                peerClosed = true;
            }
            if (state == State.OPEN) {
                queue(FrameEncoder.close(code, reason));
            }
            state = State.CLOSED;
            if (status == null) {
                status = new WebSocketClosedException(code, reason);
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        drainOutbox();
        stopTimers();
        transport.closeAfterFlush();
    }

    /** Loop: the server is shutting down: close with the configured code, bounded. */
    public void onShutdown() {
        shuttingDown = true;
        if (startClose(config.shutdownCloseCode(), "server shutting down")) {
            drainOutbox();
        }
        cancel(closeTimer);
        closeTimer = schedule(config.closeTimeout(), this::onCloseTimeout);
    }

    private void armCloseTimer() {
        if (closeTimer == null && !connectionClosed) {
            closeTimer = schedule(config.closeTimeout(), this::onCloseTimeout);
        }
    }

    /** Loop: the peer did not answer our close frame in time (or shutdown's bound passed). */
    private void onCloseTimeout() {
        closeTimer = null;
        if (!connectionClosed) {
            lock.lock();
            try {
                state = State.CLOSED;
                if (status == null) {
                    status = new WebSocketClosedException(sentCode, sentReason);
                }
                changed.signalAll();
            } finally {
                lock.unlock();
            }
            transport.abort();
        }
        if (shuttingDown && task != null) {
            task.cancel("the server is shutting down and the WebSocket session's close timeout of "
                    + config.closeTimeout().toMillis() + " ms passed");
        }
    }

    /**
     * Loop: the connection is closed (by anyone). Receivers and senders wake up and see the
     * close; a handler still running is cancelled (if the server cancels on disconnect), since
     * one blocked elsewhere, on an application queue say, might never touch its session again.
     */
    public void onConnectionClosed() {
        connectionClosed = true;
        lock.lock();
        try {
            state = State.CLOSED;
            if (status == null) {
                status = new WebSocketClosedException(CloseCodes.ABNORMAL, "the connection closed without a close frame");
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        stopTimers();
        if (!shuttingDown) {
            cancel(closeTimer);
        }
        outbox.clear();
        outboxBytes.set(0);
        if (inflater != null) {
            inflater.close();
        }
        if (task != null && !handlerEnded && transport.cancelOnDisconnect()) {
            task.cancel("the WebSocket connection from " + transport.peer() + " to '" + path
                    + "' closed while its handler was running");
        }
    }

    private void stopTimers() {
        cancel(pingTimer);
        cancel(pongTimer);
        pingTimer = null;
        pongTimer = null;
    }

    private void armKeepalive() {
        if (!config.pingInterval().isZero() && !connectionClosed) {
            pingTimer = schedule(config.pingInterval(), this::pingTick);
        }
    }

    private void pingTick() {
        if (connectionClosed || failed) {
            return;
        }
        if (pingPayload == null) {
            byte[] p = ByteBuffer.allocate(8).putLong(++pings).array();
            lock.lock();
            try {
                if (state != State.OPEN) {
                    return;
                }
                queue(FrameEncoder.frame(Opcode.PING, p));
            } finally {
                lock.unlock();
            }
            pingPayload = p;
            drainOutbox();
            pongTimer = schedule(config.pingTimeout(), this::pongMissed);
        }
        pingTimer = schedule(config.pingInterval(), this::pingTick);
    }

    private void pongMissed() {
        pongTimer = null;
        if (pingPayload != null && !connectionClosed) {
            fail(CloseCodes.INTERNAL_ERROR, "keepalive ping timeout");
        }
    }

    @Override
    public String toString() {
        return "WebSocketSession[" + path + ", " + transport.peer() + "]";
    }
}
