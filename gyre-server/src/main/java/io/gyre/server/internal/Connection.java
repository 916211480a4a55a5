package io.gyre.server.internal;

import io.gyre.runtime.ClosedException;
import io.gyre.runtime.IoHandler;
import io.gyre.runtime.Loop;
import io.gyre.runtime.Task;
import io.gyre.server.Handler;
import io.gyre.server.LoopSafeHandler;
import io.gyre.server.internal.http.BodyDecoder;
import io.gyre.server.internal.http.HttpParseException;
import io.gyre.server.internal.http.RequestHead;
import io.gyre.server.internal.http.RequestHeadParser;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One HTTP/1.1 connection on its loop: reads and parses requests, runs pipelined ones that need
 * no body concurrently (their responses held back so they leave in request order), feeds request
 * bodies to their pipe, writes what handlers submit, and closes on limits, errors, and shutdown.
 *
 * <p>Why this file is past 800 lines: input, output and closing share one loop-confined state
 * machine (state, interest ops, deadlines, the outstanding-bytes count) whose transitions must be
 * read together to see that no path leaks a buffer or a request count. Pipelined dispatch (the
 * line of exchanges in flight, their held output) is part of the same machine: it decides when
 * input is parsed, when output may leave, and what closing must cancel. The output half (submit,
 * enqueue, flush, watermark waits, held output) is the next candidate to move into its own class
 * once its uses of that state are narrowed to a small interface.
 */
final class Connection implements IoHandler {
    /*
     * Overview: a state machine driven on the loop thread.
     *   IDLE    waiting for the first byte of a request (keep-alive or header deadline armed)
     *   HEAD    part of a request head arrived (header deadline armed: 408 when it passes)
     *   ACTIVE  a handler runs; its body (if any) streams into the exchange's pipe (body deadline
     *           armed while the client owes body bytes the pipe has room for). Pipelined heads
     *           already in the input are dispatched as further tasks while it runs (read-ahead).
     *   DRAIN   the handler finished without reading the whole body: discard it (bounded)
     *   CLOSING the last response is being flushed; then LINGER
     *   LINGER  output shut down; reading and dropping input until EOF or a short deadline
     *   CLOSED
     *   UPGRADED after a 101 (WebSocket): `upgraded` owns the input; see WebSocketUpgrades
     *
     * Threads: everything not marked otherwise is loop-only. Handler threads call submit(),
     * submitFile(), awaitWritable(), sendContinue(), resumeBody(), handlerDone(): they post to the
     * loop. `outstanding` counts submitted bytes not yet written (atomic); handler writes wait on
     * `writable` (under `gate`) while it is above the high watermark. `closed` is volatile.
     *
     * Pipelining: `inflight` holds the dispatched exchanges in request order; its first is
     * `current`, the head of the line, whose output goes out directly. While `current` needs no
     * body, complete heads already in the input are dispatched as tasks too (read-ahead, at most
     * MAX_IN_FLIGHT), but only for a task handler and only heads without a body or an upgrade: the
     * first head that does not qualify is parsed and kept in `heldHead` (a parse error in
     * `heldError`) until the line is empty, and stops the read-ahead. A later exchange's output is
     * held in the exchange (moved out of `outstanding` into its `heldBytes`) and released when it
     * reaches the head of the line; its writer waits while it holds more than the high watermark.
     * An exchange that finishes early waits as `finished` for the ones before it. A response that
     * closes the connection drops the exchanges after it (cancelled, output discarded). Read-ahead
     * stops at a head without keep-alive, at a drain, and above the high watermark.
     */
    private enum State { IDLE, HEAD, ACTIVE, DRAIN, CLOSING, LINGER, CLOSED, UPGRADED }

    static final int NO_DEADLINE = 0;
    static final int HEADER_DEADLINE = 1;
    static final int IDLE_DEADLINE = 2;
    static final int LINGER_DEADLINE = 3;
    static final int BODY_DEADLINE = 4;
    private static final long DRAIN_LIMIT = 1024 * 1024;
    private static final long LINGER_NANOS = 1_000_000_000L;
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final String TASK_NAME = "http-request";
    /** Submitted buffers up to this size are copied into the write buffer instead of queued. */
    private static final int COPY_BYTES = 4096;
    /** {@code outstanding} once closed: far below zero, so a late count sees the close (see count). */
    private static final long CLOSED_OUTSTANDING = Long.MIN_VALUE / 2;
    /** Most pipelined requests of one connection running at once. */
    static final int MAX_IN_FLIGHT = 16;

    private final ServerCore server;
    private final LoopContext ctx;
    private final SocketChannel ch;
    private final InetSocketAddress peer;
    private final RequestHeadParser parser;
    private final ArrayDeque<Object> out = new ArrayDeque<>();
    private final AtomicLong outstanding = new AtomicLong();
    private final ReentrantLock gate = new ReentrantLock();
    private final Condition writable = gate.newCondition();
    private final long high;
    /** Whether the peer is a trusted proxy (its forwarded headers count); fixed per connection. */
    private final boolean peerTrusted;
    /** Handler threads waiting in awaitWritable; changed under {@code gate}. */
    private volatile int writersWaiting;
    private volatile boolean closed;
    private volatile boolean closeRequested;

    private SelectionKey key;
    private int ops;
    private ByteBuffer in;
    /**
     * Responses encoded on the loop, in write mode; always after everything in {@code out}. A
     * pooled buffer, held only while it has unwritten bytes, so responses to pipelined requests
     * leave together in one write.
     */
    private ByteBuffer wbuf;
    private State state = State.IDLE;
    /** The head of the line: the first of {@code inflight}, or null. */
    private Exchange current;
    private final ArrayDeque<Exchange> inflight = new ArrayDeque<>(4);
    /** The exchange dispatched last; read by handler threads to decide Connection: close. */
    private volatile Exchange newest;
    /** A parsed head that waits until every exchange in flight finished. */
    private RequestHead heldHead;
    private HttpParseException heldError;
    private UpgradedProtocol upgraded;
    private BodyDecoder draining;
    private long drained;
    private boolean processing;
    private boolean bodyPaused;
    private boolean discardInput;
    /* Loop: whether a request has started on this connection (a fresh one is not "idle keep-alive"). */
    private boolean servedAny;
    /* Loop: a flush is queued on the loop (see scheduleFlush). */
    private boolean flushScheduled;
    private final Runnable scheduledFlush = this::runScheduledFlush;
    long deadline;
    int deadlineKind = NO_DEADLINE;

    Connection(ServerCore server, LoopContext ctx, SocketChannel ch, InetSocketAddress peer) {
        this.server = server;
        this.ctx = ctx;
        this.ch = ch;
        this.peer = peer;
        this.parser = new RequestHeadParser(server.limits());
        this.high = server.config().writeHighWatermark();
        this.peerTrusted = server.proxies().trusts(peer.getAddress());
    }

    // ------------------------------------------------------------------ accessors (any thread)

    ServerCore server() {
        return server;
    }

    Loop loop() {
        return ctx.loop;
    }

    InetSocketAddress peer() {
        return peer;
    }

    boolean isOpen() {
        return !closed;
    }

    boolean peerTrusted() {
        return peerTrusted;
    }

    /** Whether the connection will close after the current response (drain, body error). */
    boolean closeRequested() {
        return closeRequested;
    }

    /** Any thread: whether {@code ex} is the last request dispatched on this connection so far. */
    boolean isNewest(Exchange ex) {
        return newest == ex;
    }

    // ---------------------------------------------------------------------------- lifecycle

    /** Loop: registers the channel; a rejected connection gets 503 and closes. */
    void open(boolean reject) {
        key = ctx.loop.register(ch, SelectionKey.OP_READ, this);
        ops = SelectionKey.OP_READ;
        ctx.add(this);
        if (reject) {
            respondErrorAndClose(503, "Service Unavailable: the server is at its connection limit ("
                    + server.config().maxConnections() + ")");
            return;
        }
        setDeadline(server.config().headerReadTimeout().toNanos(), HEADER_DEADLINE);
        if (server.draining()) {
            closeRequested = true;
        }
    }

    private void setDeadline(long nanos, int kind) {
        deadline = System.nanoTime() + nanos;
        deadlineKind = kind;
    }

    private void clearDeadline() {
        deadlineKind = NO_DEADLINE;
    }

    /** Loop: the sweep found the deadline passed. */
    void onDeadline() {
        switch (deadlineKind) {
            case HEADER_DEADLINE -> {
                if (state == State.HEAD) {
                    respondErrorAndClose(408, "Request Timeout: the request head did not arrive within "
                            + server.config().headerReadTimeout().toMillis() + " ms");
                } else {
                    closeNow();
                }
            }
            case IDLE_DEADLINE, LINGER_DEADLINE -> closeNow();
            case BODY_DEADLINE -> bodyTimedOut();
            default -> {
            }
        }
    }

    /** Loop: shutdown began; idle connections close now, busy ones after their response. */
    void beginDrain() {
        if (upgraded != null) {
            upgraded.onDrain();
            return;
        }
        closeRequested = true;
        // an idle keep-alive connection closes now; a fresh one (accepted, first request maybe still
        // in flight) gets its first request served with Connection: close, within the head deadline
        if (state == State.IDLE && servedAny && (in == null || !in.hasRemaining())) {
            closeNow();
        }
    }

    // ------------------------------------------------------------------------------- input

    @Override
    public void ready(SelectionKey k) {
        if (closed || !k.isValid()) {
            return;
        }
        int ready = k.readyOps();
        if ((ready & SelectionKey.OP_WRITE) != 0) {
            flush();
            if (!closed && in != null && in.hasRemaining()
                    && (state == State.IDLE || state == State.HEAD || state == State.ACTIVE)) {
                process();
            }
        }
        if (!closed && (ready & SelectionKey.OP_READ) != 0) {
            onReadable();
        }
    }

    private void onReadable() {
        if (in == null) {
            in = ctx.pool.acquire();
        }
        in.compact();
        int n;
        try {
            n = ch.read(in);
        } catch (IOException e) {
            in.flip();
            abort("read failed: " + e.getMessage());
            return;
        }
        in.flip();
        if (n < 0) {
            onEof();
            return;
        }
        if (state == State.LINGER || discardInput) {
            in.position(in.limit());
            releaseIfEmpty();
            updateInterest();
            return;
        }
        if (n > 0) {
            process();
        } else {
            updateInterest();
        }
    }

    private void onEof() {
        Exchange ex = current;
        if (ex != null) {
            if (ex.pipe != null && !ex.pipe.isComplete()) {
                ex.pipe.fail(new IOException("the client closed the connection before the request body ended"));
            }
        }
        closeNow();
    }

    /** Loop: parses and dispatches what the input holds, as far as the state allows. */
    private void process() {
        if (processing || closed) {
            return;
        }
        processing = true;
        try {
            boolean more = true;
            while (more && !closed) {
                more = switch (state) {
                    case IDLE, HEAD -> nextRequest();
                    case ACTIVE -> {
                        feedBody();
                        yield readAhead();
                    }
                    case DRAIN -> drainBody();
                    case UPGRADED -> {
                        if (in != null && in.hasRemaining() && !bodyPaused) {
                            bodyPaused = upgraded.onInput(in);
                        }
                        yield false;
                    }
                    default -> false;
                };
            }
        } finally {
            processing = false;
        }
        if (!closed && !flushScheduled) { // a queued flush writes it together with what follows
            flush();
        }
        if (!closed) {
            releaseIfEmpty();
            updateInterest();
        }
    }

    private boolean nextRequest() {
        if (heldError != null) {
            HttpParseException e = heldError;
            heldError = null;
            respondErrorAndClose(e.status(), HeadWriter.reason(e.status()) + ": " + e.reason());
            return false;
        }
        if (heldHead == null && (in == null || !in.hasRemaining())) {
            return false;
        }
        if (state == State.IDLE && closeRequested) {
            closeGracefully();
            return false;
        }
        if (outstanding.get() > high) {
            return false; // a pipelining client that does not read: wait for the output to drain
        }
        RequestHead head = heldHead;
        if (head != null) {
            heldHead = null;
        } else {
            if (state == State.IDLE) {
                state = State.HEAD;
                if (deadlineKind != HEADER_DEADLINE) {
                    setDeadline(server.config().headerReadTimeout().toNanos(), HEADER_DEADLINE);
                }
            }
            try {
                head = parser.parse(in);
            } catch (HttpParseException e) {
                respondErrorAndClose(e.status(), HeadWriter.reason(e.status()) + ": " + e.reason());
                return false;
            }
            if (head == null) {
                return false;
            }
            parser.reset();
        }
        clearDeadline();
        startExchange(head);
        return true;
    }

    /**
     * Loop, while a handler runs: dispatches the next pipelined head already in the input as a
     * concurrent task, if it and the connection qualify (see the overview); returns whether it did.
     */
    private boolean readAhead() {
        Exchange last = inflight.peekLast();
        if (last == null || current == null || current.pipe != null || heldHead != null || heldError != null
                || in == null || !in.hasRemaining() || inflight.size() >= MAX_IN_FLIGHT || closeRequested
                || discardInput || server.draining() || !last.head.keepAlive() || last.closeAfter
                || outstanding.get() > high || server.handler() instanceof LoopSafeHandler) {
            return false;
        }
        RequestHead head;
        try {
            head = parser.parse(in);
        } catch (HttpParseException e) {
            heldError = e; // answered once the requests before it are
            discardInput = true;
            in.position(in.limit());
            return false;
        }
        if (head == null) {
            return false;
        }
        parser.reset();
        String readiness = server.config().readinessPath();
        if (head.hasBody() || head.upgrade().isPresent() || head.upgradeListsWebSocket()
                || !readiness.isEmpty() && readiness.equals(head.path())) {
            heldHead = head; // runs alone, after the ones in flight
            return false;
        }
        Exchange ex = new Exchange(this, head);
        inflight.add(ex);
        newest = ex;
        server.requestStarted();
        spawn(ex, server.handler());
        return true;
    }

    private void startExchange(RequestHead head) {
        Exchange ex = new Exchange(this, head);
        current = ex;
        ex.released = true;
        inflight.add(ex);
        newest = ex;
        servedAny = true;
        state = State.ACTIVE;
        server.requestStarted();
        armBodyDeadline(ex);
        String readiness = server.config().readinessPath();
        if (!readiness.isEmpty() && readiness.equals(head.path())) {
            ex.run((rq, rs) -> {
                boolean ready = server.isReady();
                rs.status(ready ? 200 : 503).send(ready ? "ready\n" : "shutting down\n");
            });
            return;
        }
        Handler handler = WebSocketUpgrades.select(this, head, server.handler());
        if (handler instanceof LoopSafeHandler ls && !head.hasBody() && ex.runsInline(ls)) {
            ex.run(handler);
            return;
        }
        spawn(ex, handler);
    }

    /** Loop: runs the exchange's handler as a task in the server's request scope. */
    private void spawn(Exchange ex, Handler handler) {
        try {
            Task<Void> t = server.requests().spawn(TASK_NAME, () -> ex.run(handler));
            ex.task = t;
            t.onDone(ex::taskEnded); // a task cancelled before it starts never runs the handler
            if (closed && server.config().cancelOnDisconnect()) {
                t.cancel("the client disconnected");
            }
        } catch (IllegalStateException e) {
            ex.run((rq, rs) -> rs.status(503).header("Connection", "close").send("Service Unavailable: shutting down\n"));
        }
    }

    private void feedBody() {
        Exchange ex = current;
        if (ex == null || ex.pipe == null || in == null || !in.hasRemaining() || bodyPaused) {
            return;
        }
        try {
            bodyPaused = ex.pipe.fill(ex.decoder, in);
            armBodyDeadline(ex);
        } catch (HttpParseException e) {
            ex.pipe.fail(new BodyException(e.status(), HeadWriter.reason(e.status()) + ": " + e.reason()));
            closeRequested = true;
            discardInput = true;
            in.position(in.limit());
        }
    }

    /** Handler thread (via the pipe): the body buffer has room again. */
    void resumeBody() {
        post(() -> {
            bodyPaused = false;
            if (current != null) {
                armBodyDeadline(current);
            }
            process();
        });
    }

    /**
     * Loop: (re)arms the body deadline while the client owes body bytes the server is ready to
     * take (not while the body buffer is full or a 100 Continue is still pending); clears it
     * otherwise. Once the deadline passed it is left alone (see bodyTimedOut).
     */
    private void armBodyDeadline(Exchange ex) {
        if (ex != current || ex.bodyTimeout != null) {
            return;
        }
        if (ex.decoder != null && !ex.decoder.isComplete() && !bodyPaused
                && (!ex.head.expectContinue() || ex.continueSent)) {
            setDeadline(server.config().bodyReadTimeout().toNanos(), BODY_DEADLINE);
        } else if (deadlineKind == BODY_DEADLINE) {
            clearDeadline();
        }
    }

    /**
     * Loop: no body bytes arrived for bodyReadTimeout. The handler's body read fails with 408 and
     * its task is cancelled (it answers 408 if it sent nothing yet; the connection closes after);
     * a handler still running one more period later loses its connection.
     */
    private void bodyTimedOut() {
        Exchange ex = current;
        if (state != State.ACTIVE || ex == null || ex.pipe == null || ex.bodyTimeout != null) {
            closeNow();
            return;
        }
        long ms = server.config().bodyReadTimeout().toMillis();
        BodyException timeout = new BodyException(408, "Request Timeout: no request body bytes arrived for " + ms + " ms");
        ex.bodyTimeout = timeout;
        ex.pipe.fail(timeout);
        closeRequested = true;
        discardInput = true;
        if (in != null) {
            in.position(in.limit());
        }
        setDeadline(server.config().bodyReadTimeout().toNanos(), BODY_DEADLINE);
        Task<?> t = ex.task;
        if (t != null) {
            t.cancel("no request body bytes arrived for " + ms + " ms");
        }
    }

    private boolean drainBody() {
        if (in == null || !in.hasRemaining()) {
            return false;
        }
        try {
            drained += draining.discard(in);
            setDeadline(server.config().bodyReadTimeout().toNanos(), BODY_DEADLINE);
        } catch (HttpParseException e) {
            closeNow();
            return false;
        }
        if (draining.isComplete()) {
            draining = null;
            awaitNextRequest();
            return true;
        }
        if (drained > DRAIN_LIMIT) {
            closeNow();
        }
        return false;
    }

    private void awaitNextRequest() {
        if (parser.inProgress()) {
            // part of the next head arrived during read-ahead: the header deadline applies
            state = State.HEAD;
            setDeadline(server.config().headerReadTimeout().toNanos(), HEADER_DEADLINE);
        } else {
            state = State.IDLE;
            setDeadline(server.config().keepAliveTimeout().toNanos(), IDLE_DEADLINE);
        }
    }

    // --------------------------------------------------------------------- exchange outcome

    /** Any thread: the handler finished; {@code abort} cuts the connection. */
    void handlerDone(Exchange ex, boolean abort) {
        if (ctx.loop.inLoop()) {
            exchangeDone(ex, abort);
        } else if (!ex.rideOnSend(abort)) {
            post(() -> exchangeDone(ex, abort));
        }
    }

    private void exchangeDone(Exchange ex, boolean abort) {
        server.requestFinished(ex);
        if (ex.pipe != null) {
            ex.pipe.release();
        }
        if (closed || ex.finished || ex.dropped || !inflight.contains(ex)) {
            return;
        }
        ex.finished = true;
        ex.finishAbort = abort;
        if (ex != current) {
            return; // waits for the exchanges before it
        }
        Exchange done = ex;
        while (true) {
            inflight.pollFirst();
            current = null;
            bodyPaused = false;
            if (done.finishAbort) {
                dropInflight("the connection was cut after an earlier response failed");
                closeAfterFlush();
                return;
            }
            if (done.closeAfter || ((closeRequested || server.draining()) && inflight.isEmpty())) {
                dropInflight("the connection closes after an earlier response (Connection: close)");
                closeGracefully();
                return;
            }
            Exchange next = inflight.peekFirst();
            if (next == null) {
                if (done.pipe != null && !done.pipe.isComplete()) {
                    state = State.DRAIN;
                    draining = done.decoder;
                    drained = 0;
                    setDeadline(server.config().bodyReadTimeout().toNanos(), BODY_DEADLINE);
                } else {
                    awaitNextRequest();
                }
                break;
            }
            current = next;
            release(next);
            if (!next.finished) {
                break;
            }
            done = next;
        }
        if (!processing) {
            process();
        }
    }

    /** Loop: {@code ex} reached the head of the line: its held output goes out, its writers go on. */
    private void release(Exchange ex) {
        ex.released = true;
        ArrayDeque<Object> items = ex.held;
        long n = ex.heldBytes;
        ex.held = null;
        ex.heldBytes = 0;
        if (items != null) {
            outstanding.addAndGet(n);
            for (Object o : items) {
                if (o instanceof ByteBuffer b) {
                    append(b, null, null, b.remaining());
                } else {
                    append(null, null, (FileRegion) o, 0);
                }
            }
        }
        wakeWriters();
    }

    /** Loop: gives up on every exchange in flight (after the connection decided to close). */
    private void dropInflight(String why) {
        for (Exchange ex; (ex = inflight.pollFirst()) != null; ) {
            ex.dropped = true;
            discardHeld(ex);
            Task<?> t = ex.task;
            if (t != null && server.config().cancelOnDisconnect()) {
                t.cancel(why);
            }
        }
        heldHead = null;
        wakeWriters();
    }

    /** Loop: forgets the output an exchange held back, taking it off the statistics. */
    private void discardHeld(Exchange ex) {
        ArrayDeque<Object> items = ex.held;
        ex.held = null;
        if (items != null) {
            for (Object o : items) {
                if (o instanceof FileRegion f) {
                    f.close();
                }
            }
        }
        server.counters().responseBytes(-ex.heldBytes);
        ex.heldBytes = 0;
    }

    /** Handler thread: sends the 101 head; from then on {@code protocol} owns the connection's input. */
    void upgrade(ByteBuffer head, UpgradedProtocol protocol) {
        boolean posted = post(() -> {
            if (closed) {
                protocol.onClosed();
                return;
            }
            upgraded = protocol;
            current = null;
            inflight.clear(); // the upgrade request ran alone
            state = State.UPGRADED;
            clearDeadline();
            try {
                submit(head, null);
            } catch (IOException e) {
                return; // closed meanwhile: onClosed was called
            }
            if (server.draining()) {
                protocol.onDrain();
            }
            process();
        });
        if (!posted) {
            protocol.onClosed();
        }
    }

    // ------------------------------------------------------------------------------ output

    /** Any thread: queues bytes for the client (counted against the high watermark). */
    void submit(ByteBuffer a, ByteBuffer b) throws IOException {
        submit(null, a, b);
    }

    /**
     * Any thread: queues bytes of {@code ex}'s response (null: not a response, such as a WebSocket
     * frame); held back while an earlier exchange is still at the head of the line.
     */
    void submit(Exchange ex, ByteBuffer a, ByteBuffer b) throws IOException {
        if (closed) {
            throw new IOException("the connection from " + peer + " is closed");
        }
        long n = a.remaining() + (b == null ? 0 : b.remaining());
        if (!count(n)) {
            throw new IOException("the connection from " + peer + " is closed");
        }
        if (ctx.loop.inLoop()) {
            enqueue(ex, a, b, null, n);
        } else if (!post(() -> enqueue(ex, a, b, null, n))) {
            uncount(n);
            throw new IOException("the server's loop is closed");
        }
    }

    /**
     * Any thread: queues a whole response of {@code ex} (head and body in one buffer). Off the
     * loop, the handler's end can ride on this post (see Exchange.rideOnSend).
     */
    void submitResponse(Exchange ex, ByteBuffer all) throws IOException {
        if (ctx.loop.inLoop()) {
            submit(ex, all, null);
            return;
        }
        if (closed) {
            throw new IOException("the connection from " + peer + " is closed");
        }
        long n = all.remaining();
        if (!count(n)) {
            throw new IOException("the connection from " + peer + " is closed");
        }
        ex.sendPosting();
        if (!post(() -> deliver(ex, all, n))) {
            ex.sendRun();
            uncount(n);
            throw new IOException("the server's loop is closed");
        }
    }

    /** Loop: a response posted by submitResponse, and the handler's end if it rode along. */
    private void deliver(Exchange ex, ByteBuffer all, long n) {
        enqueue(ex, all, null, null, n);
        if (ex.sendRun()) {
            exchangeDone(ex, ex.doneAbort);
        }
    }

    /** Any thread: queues a head and a file of {@code ex}'s response for zero-copy transfer. */
    void submitFile(Exchange ex, ByteBuffer head, FileRegion file) throws IOException {
        if (closed) {
            file.close();
            throw new IOException("the connection from " + peer + " is closed");
        }
        long n = head.remaining();
        if (!count(n)) {
            file.close();
            throw new IOException("the connection from " + peer + " is closed");
        }
        if (ctx.loop.inLoop()) {
            enqueue(ex, head, null, file, n);
        } else if (!post(() -> enqueue(ex, head, null, file, n))) {
            uncount(n);
            file.close();
            throw new IOException("the server's loop is closed");
        }
    }

    /**
     * Any thread: counts {@code n} submitted bytes, or returns false if the connection closed
     * meanwhile. closeNow takes everything counted so far off the statistics and leaves
     * {@code outstanding} at {@link #CLOSED_OUTSTANDING}, so bytes are taken off exactly once:
     * by closeNow if counted before it, never if counted after (then they are refused here).
     */
    private boolean count(long n) {
        if (outstanding.addAndGet(n) < 0) {
            return false;
        }
        server.counters().responseBytes(n);
        return true;
    }

    /** Any thread: takes back counted bytes that will never be enqueued, unless closeNow already did. */
    private void uncount(long n) {
        long v;
        do {
            v = outstanding.get();
            if (v < 0) {
                return;
            }
        } while (!outstanding.compareAndSet(v, v - n));
        server.counters().responseBytes(-n);
    }

    /** Handler thread: sends 100 Continue once, if the client asked and nothing was sent yet. */
    void sendContinue(Exchange ex) throws IOException {
        if (!ex.head.expectContinue() || ex.continueSent || ex.response.isCommitted()) {
            return;
        }
        ex.continueSent = true;
        submit(ex, ByteBuffer.wrap(CONTINUE), null);
        post(() -> armBodyDeadline(ex)); // the client sends the body now
    }

    /** Handler thread: blocks while the outbound buffer is above the high watermark. */
    void awaitWritable() throws IOException {
        awaitWritable(null);
    }

    /**
     * Handler thread: blocks while the outbound buffer is above the high watermark. For an
     * exchange {@code ex} whose output is held (not at the head of the line), its held bytes count
     * too: they stay until the exchanges before it finished, so its writer usually waits for that.
     */
    void awaitWritable(Exchange ex) throws IOException {
        if (level(ex) <= high) {
            return;
        }
        gate.lock();
        try {
            writersWaiting++;
            while (!closed && level(ex) > high / 2) {
                try {
                    writable.await();
                } catch (InterruptedException e) {
                    throw Blocking.cancelled("waiting for the client to read the response");
                }
            }
        } finally {
            writersWaiting--;
            gate.unlock();
        }
        if (closed || ex != null && ex.dropped) {
            throw new IOException("the client " + peer + " disconnected");
        }
    }

    /**
     * Any thread: the bytes a writer of {@code ex} is held to: everything unwritten, plus what
     * {@code ex} holds back (bytes in transit to the loop are in {@code outstanding} until the loop
     * moves them to the exchange, so the sum never misses them).
     */
    private long level(Exchange ex) {
        long n = outstanding.get();
        return ex != null && !ex.released && !ex.dropped ? n + ex.heldBytes : n;
    }

    private void wakeWriters() {
        if (writersWaiting > 0) {
            gate.lock();
            try {
                writable.signalAll();
            } finally {
                gate.unlock();
            }
        }
    }

    private void enqueue(Exchange ex, ByteBuffer a, ByteBuffer b, FileRegion file, long n) {
        if (closed) {
            // closeNow already took these bytes off the counts (see count)
            if (file != null) {
                file.close();
            }
            return;
        }
        if (ex != null && !ex.released) {
            // not at the head of the line: hold it in the exchange, out of the outstanding count
            outstanding.addAndGet(-n);
            if (ex.dropped) {
                server.counters().responseBytes(-n);
                if (file != null) {
                    file.close();
                }
                return;
            }
            if (ex.held == null) {
                ex.held = new ArrayDeque<>(4);
            }
            ex.held.add(a);
            if (b != null) {
                ex.held.add(b);
            }
            if (file != null) {
                ex.held.add(file);
            }
            ex.heldBytes += n;
            return;
        }
        append(a, b, file, n);
        if (!processing) {
            if (inflight.size() > 1) {
                scheduleFlush(); // more responses of this connection are on their way
            } else {
                flush();
                updateInterest();
            }
        }
    }

    /**
     * Loop: flushes in the loop's next round instead of now, so responses that handlers hand over
     * together (pipelined requests running concurrently) leave in one write. Nothing waits on
     * other handlers: the round comes right after the callbacks already queued, and the response
     * of the last request in flight is flushed at once.
     */
    private void scheduleFlush() {
        if (!flushScheduled) {
            flushScheduled = true;
            ctx.loop.callSoon(scheduledFlush);
        }
    }

    private void runScheduledFlush() {
        flushScheduled = false;
        if (!closed) {
            flush();
            updateInterest();
        }
    }

    /** Loop: adds output behind what is queued (small buffers copied into the write buffer). */
    private void append(ByteBuffer a, ByteBuffer b, FileRegion file, long n) {
        if (a == null) {
            seal();
            out.add(file);
        } else if (file == null && n <= COPY_BYTES) {
            // small: copied behind what is already encoded, so queued responses leave in one write
            ByteBuffer w = wbuf != null && wbuf.remaining() >= n ? wbuf : null;
            if (w == null) {
                seal();
                w = wbuf = ctx.pool.acquire().clear();
            }
            w.put(a);
            if (b != null) {
                w.put(b);
            }
        } else {
            seal();
            out.add(a);
            if (b != null) {
                out.add(b);
            }
            if (file != null) {
                out.add(file);
            }
        }
    }

    /**
     * Loop: the write buffer, with at least {@code need} bytes free, to encode a response into;
     * report the bytes with {@link #encoded}. Null if {@code need} is larger than a buffer.
     */
    ByteBuffer writeBuffer(int need) throws IOException {
        if (closed) {
            throw new IOException("the connection from " + peer + " is closed");
        }
        if (need > BufferPool.BUFFER_BYTES) {
            return null;
        }
        if (wbuf != null && wbuf.remaining() < need) {
            seal();
        }
        if (wbuf == null) {
            wbuf = ctx.pool.acquire().clear();
        }
        return wbuf;
    }

    /** Loop: {@code n} bytes were encoded into the write buffer. */
    void encoded(int n) {
        outstanding.addAndGet(n);
        server.counters().responseBytes(n);
        if (!processing) {
            flush();
            updateInterest();
        }
    }

    /** Loop: moves the write buffer's bytes to the end of {@code out}, before something else is queued. */
    private void seal() {
        if (wbuf != null) {
            wbuf.flip();
            out.add(ByteBuffer.allocate(wbuf.remaining()).put(wbuf).flip());
            ctx.pool.release(wbuf);
            wbuf = null;
        }
    }

    private void written(long n) {
        if (n > 0) {
            outstanding.addAndGet(-n);
            server.counters().responseBytes(-n);
        }
        if (writersWaiting > 0 && outstanding.get() <= high / 2) {
            wakeWriters();
        }
    }

    private final ByteBuffer[] gather = new ByteBuffer[16];

    /** Loop: writes what the socket takes; arms OP_WRITE for the rest. */
    private void flush() {
        if (closed) {
            return;
        }
        try {
            while (!out.isEmpty() || wbuf != null) {
                Object first = out.peekFirst();
                if (first instanceof FileRegion f) {
                    if (!f.transferTo(ch)) {
                        updateInterest();
                        return;
                    }
                    f.close();
                    out.pollFirst();
                    continue;
                }
                int count = 0;
                if (first != null) {
                    for (Object o : out) {
                        if (!(o instanceof ByteBuffer bb) || count == gather.length - 1) {
                            break;
                        }
                        gather[count++] = bb;
                    }
                }
                boolean tail = wbuf != null && count == out.size();
                if (tail) {
                    gather[count++] = wbuf.flip();
                }
                long w = count == 1 ? ch.write(gather[0]) : ch.write(gather, 0, count);
                java.util.Arrays.fill(gather, 0, count, null);
                boolean tailLeft = false;
                if (tail) {
                    if (wbuf.hasRemaining()) {
                        wbuf.compact();
                        tailLeft = true;
                    } else {
                        ctx.pool.release(wbuf);
                        wbuf = null;
                    }
                }
                written(w);
                while (out.peekFirst() instanceof ByteBuffer bb && !bb.hasRemaining()) {
                    out.pollFirst();
                }
                if (tailLeft || out.peekFirst() instanceof ByteBuffer bb && bb.hasRemaining()) {
                    updateInterest();
                    return;
                }
            }
        } catch (IOException e) {
            abort("write failed: " + e.getMessage());
            return;
        }
        if (state == State.CLOSING) {
            startLinger();
            return;
        }
        updateInterest();
    }

    private void updateInterest() {
        if (closed || !key.isValid()) {
            return;
        }
        boolean room = in == null || in.position() > 0 || in.limit() < in.capacity();
        boolean read = room && !bodyPaused && (outstanding.get() <= high || state == State.LINGER);
        // output waiting for a queued flush needs no OP_WRITE: the flush arms it if the socket is full
        boolean write = !(out.isEmpty() && wbuf == null) && !flushScheduled;
        int want = (read ? SelectionKey.OP_READ : 0) | (write ? SelectionKey.OP_WRITE : 0);
        if (want != ops) {
            ops = want;
            key.interestOps(want);
        }
    }

    private void releaseIfEmpty() {
        if (in != null && !in.hasRemaining()) {
            ctx.pool.release(in);
            in = null;
        }
    }

    // ----------------------------------------------------------------------------- closing

    /** Loop: answers a protocol error or limit with its status, then closes. */
    private void respondErrorAndClose(int status, String message) {
        ServerCore.LOG.log(Level.DEBUG, () -> "connection from " + peer + ": " + status + " " + message);
        discardInput = true;
        if (in != null) {
            in.position(in.limit());
        }
        ByteBuffer b = HeadWriter.error(status, message, server.config().serverHeader(), server.config().dateHeader());
        outstanding.addAndGet(b.remaining());
        server.counters().responseBytes(b.remaining());
        seal();
        out.add(b);
        closeGracefully();
    }

    private void closeAfterFlush() {
        discardInput = true;
        closeGracefully();
    }

    /** Loop: flushes what is queued, then shuts output down and lingers briefly. */
    void closeGracefully() {
        if (closed) {
            return;
        }
        state = State.CLOSING;
        clearDeadline();
        flush();
    }

    private void startLinger() {
        try {
            ch.shutdownOutput();
        } catch (IOException e) {
            closeNow();
            return;
        }
        state = State.LINGER;
        discardInput = true;
        if (in != null) {
            in.position(in.limit());
        }
        setDeadline(LINGER_NANOS, LINGER_DEADLINE);
        updateInterest();
    }

    private void abort(String why) {
        ServerCore.LOG.log(Level.DEBUG, () -> "connection from " + peer + " aborted: " + why);
        Exchange ex = current;
        if (ex != null && ex.pipe != null) {
            ex.pipe.fail(new IOException("the connection failed: " + why));
        }
        closeNow();
    }

    /** Loop: closes at once; cancels a running handler if configured. */
    void closeNow() {
        if (closed) {
            return;
        }
        closed = true;
        state = State.CLOSED;
        clearDeadline();
        if (key != null) {
            key.cancel();
        }
        try {
            ch.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Object o : out) {
            if (o instanceof FileRegion f) {
                f.close();
            }
        }
        out.clear();
        if (wbuf != null) {
            ctx.pool.release(wbuf);
            wbuf = null;
        }
        long left = outstanding.getAndSet(CLOSED_OUTSTANDING);
        server.counters().responseBytes(-left);
        if (in != null) {
            ctx.pool.release(in);
            in = null;
        }
        gate.lock();
        try {
            writable.signalAll();
        } finally {
            gate.unlock();
        }
        Exchange ex = current;
        if (ex != null && ex.pipe != null) {
            ex.pipe.fail(new IOException("the connection closed before the request body ended"));
        }
        for (Exchange e : inflight) {
            discardHeld(e);
            Task<?> t = e.task;
            if (t != null && server.config().cancelOnDisconnect()) {
                t.cancel("the client disconnected");
            }
        }
        if (upgraded != null) {
            upgraded.onClosed();
        }
        ctx.remove(this);
        server.connectionClosed();
    }

    private boolean post(Runnable r) {
        try {
            ctx.loop.execute(r);
            return true;
        } catch (ClosedException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "Connection[" + peer + ", " + state + "]";
    }
}
