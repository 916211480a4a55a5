package io.gyre.server.internal;

import io.gyre.runtime.ClosedException;
import io.gyre.runtime.IoHandler;
import io.gyre.runtime.Loop;
import io.gyre.runtime.Task;
import io.gyre.server.Handler;
import io.gyre.server.LoopSafeHandler;
import io.gyre.server.RequestBodyException;
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

/**
 * One HTTP/1.1 connection on its loop: reads and parses requests, dispatches them (pipelined
 * ones through its {@link InFlightLine}), feeds request bodies to their pipe, and closes on
 * limits, errors, and shutdown. What handlers write goes through its {@link ConnectionOutput}.
 */
final class Connection implements IoHandler, ConnectionOutput.Owner {
    /*
     * Overview: a state machine driven on the loop thread.
     *   IDLE    waiting for the first byte of a request (keep-alive or header deadline armed)
     *   HEAD    part of a request head arrived (header deadline armed: 408 when it passes)
     *   ACTIVE  a handler runs; its body (if any) streams into the exchange's pipe (body deadline
     *           armed while the client owes body bytes the pipe has room for). Pipelined heads
     *           already in the input are dispatched as further tasks while it runs (read-ahead,
     *           see InFlightLine).
     *   DRAIN   the handler finished without reading the whole body: discard it (bounded)
     *   CLOSING the last response is being flushed; then LINGER
     *   LINGER  output shut down; reading and dropping input until EOF or a short deadline
     *   CLOSED
     *   UPGRADED after a 101 (WebSocket): `upgraded` owns the input; see WebSocketUpgrades
     *
     * Threads: everything not marked otherwise is loop-only. Handler threads call sendContinue(),
     * resumeBody(), handlerDone(), upgrade() (they post to the loop) and the output's submit and
     * awaitWritable methods (see ConnectionOutput). `closed` and `closeRequested` are volatile.
     *
     * Split: this class owns the state, the input buffer, deadlines (the write deadline, which
     * watches the output, is ConnectionOutput's) and interest ops, and decides
     * when the line of exchanges moves on (exchangeDone) and when the connection closes. The
     * output (queue, write buffer, watermark, held pipelined output) reaches back only through
     * ConnectionOutput.Owner; the line keeps the exchanges in flight in request order.
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

    private final ServerCore server;
    private final LoopContext ctx;
    private final SocketChannel ch;
    private final InetSocketAddress peer;
    private final RequestHeadParser parser;
    /** The output half: submitted bytes, the write buffer, the watermark, held pipelined output. */
    final ConnectionOutput output;
    /** The exchanges in flight, in request order; the first is the head of the line. */
    private final InFlightLine line;
    /** Whether the peer is a trusted proxy (its forwarded headers count); fixed per connection. */
    private final boolean peerTrusted;
    private volatile boolean closed;
    private volatile boolean closeRequested;

    private SelectionKey key;
    private int ops;
    private ByteBuffer in;
    private State state = State.IDLE;
    private UpgradedProtocol upgraded;
    private BodyDecoder draining;
    private long drained;
    private boolean processing;
    private boolean bodyPaused;
    private boolean discardInput;
    /* Loop: whether a request has started on this connection (a fresh one is not "idle keep-alive"). */
    private boolean servedAny;
    long deadline;
    int deadlineKind = NO_DEADLINE;

    Connection(ServerCore server, LoopContext ctx, SocketChannel ch, InetSocketAddress peer) {
        this.server = server;
        this.ctx = ctx;
        this.ch = ch;
        this.peer = peer;
        this.parser = new RequestHeadParser(server.limits());
        this.output = new ConnectionOutput(this, ctx, ch, peer, server.counters(),
                server.config().writeHighWatermark(), server.config().writeTimeout().toNanos());
        this.line = new InFlightLine(this, server, output);
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

    @Override
    public boolean isOpen() {
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
        return line.isNewest(ex);
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
        if (state == State.DRAIN && !output.pending()) {
            closeGracefully(); // discarding a body with the response out: nothing more is owed
            return;
        }
        // an idle keep-alive connection closes now; a fresh one (accepted, first request maybe still
        // in flight) gets its first request served with Connection: close, within the head deadline
        if (state == State.IDLE && servedAny && (in == null || !in.hasRemaining())) {
            if (output.pending()) {
                closeGracefully(); // the last response is still being sent: it ends first
            } else {
                closeNow();
            }
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
            output.flush();
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
        Exchange ex = line.current;
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
        if (!closed && !output.flushScheduled()) { // a queued flush writes it together with what follows
            output.flush();
        }
        if (!closed) {
            releaseIfEmpty();
            updateInterest();
        }
    }

    private boolean nextRequest() {
        HttpParseException held = line.takeHeldError();
        if (held != null) {
            respondErrorAndClose(held.status(), HeadWriter.reason(held.status()) + ": " + held.reason());
            return false;
        }
        if (!line.hasHeldHead() && (in == null || !in.hasRemaining())) {
            return false;
        }
        if (state == State.IDLE && closeRequested) {
            closeGracefully();
            return false;
        }
        if (output.aboveHigh()) {
            return false; // a pipelining client that does not read: wait for the output to drain
        }
        RequestHead head = line.takeHeldHead();
        if (head == null) {
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

    /** Loop, while a handler runs: dispatches pipelined heads already in the input (see InFlightLine). */
    private boolean readAhead() {
        if (in == null || !in.hasRemaining() || closeRequested || discardInput) {
            return false;
        }
        boolean dispatched = line.readAhead(parser, in);
        if (line.readAheadFailed()) {
            discardInput = true;
            in.position(in.limit());
        }
        return dispatched;
    }

    private void startExchange(RequestHead head) {
        Exchange ex = line.startAlone(head);
        servedAny = true;
        state = State.ACTIVE;
        server.requestStarted();
        armBodyDeadline(ex);
        if (server.isReadinessPath(head.path())) {
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
        line.spawn(ex, handler);
    }

    private void feedBody() {
        Exchange ex = line.current;
        if (ex == null || ex.pipe == null || in == null || !in.hasRemaining() || bodyPaused) {
            return;
        }
        try {
            bodyPaused = ex.pipe.fill(ex.decoder, in);
            armBodyDeadline(ex);
        } catch (HttpParseException e) {
            closeRequested = true; // first: a handler woken by the failure answers with Connection: close
            ex.pipe.fail(new RequestBodyException(e.status(), HeadWriter.reason(e.status()) + ": " + e.reason()));
            discardInput = true;
            in.position(in.limit());
        }
    }

    /** Handler thread (via the pipe): the body buffer has room again. */
    void resumeBody() {
        post(() -> {
            bodyPaused = false;
            if (line.current != null) {
                armBodyDeadline(line.current);
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
        if (ex != line.current || ex.bodyTimeout != null) {
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
     * Loop: no body bytes arrived for bodyReadTimeout. The handler's body read fails with 408; a
     * handler waiting in that read is woken by the failure and answers it (408, or its own answer
     * to it), one doing something else is also cancelled (it answers 408 if it sent nothing yet).
     * The connection closes after; a handler still running one more period later loses it.
     */
    private void bodyTimedOut() {
        Exchange ex = line.current;
        if (state != State.ACTIVE || ex == null || ex.pipe == null || ex.bodyTimeout != null) {
            closeNow();
            return;
        }
        long ms = server.config().bodyReadTimeout().toMillis();
        RequestBodyException timeout = new RequestBodyException(408, "Request Timeout: no request body bytes arrived for "
                + ms + " ms");
        ex.bodyTimeout = timeout;
        closeRequested = true; // first: a handler woken by the failure answers with Connection: close
        boolean readerTold = ex.pipe.fail(timeout);
        discardInput = true;
        if (in != null) {
            in.position(in.limit());
        }
        setDeadline(server.config().bodyReadTimeout().toNanos(), BODY_DEADLINE);
        Task<?> t = ex.task;
        if (t != null && !readerTold) {
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
            if (closeRequested) {
                closeGracefully(); // shutdown began while discarding: no next request
                return false;
            }
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
            idleOrSending();
        }
    }

    /**
     * Loop, idle: the keep-alive period starts once the last response is out; until then only the
     * write deadline applies (a large response to a slow reader must not be cut as "idle").
     */
    private void idleOrSending() {
        if (output.pending()) {
            clearDeadline(); // flushed() starts the keep-alive period
        } else {
            setDeadline(server.config().keepAliveTimeout().toNanos(), IDLE_DEADLINE);
        }
    }

    /** Loop, from the sweep: the client took none of the queued output for writeTimeout (see ConnectionOutput.stalled). */
    void writeStalled() {
        if (closed) {
            return;
        }
        abort("the client took none of what was sent for " + server.config().writeTimeout().toMillis()
                + " ms (writeTimeout)");
    }

    // --------------------------------------------------------------------- exchange outcome

    /** Any thread: the handler finished; {@code abort} cuts the connection. */
    void handlerDone(Exchange ex, boolean abort) {
        if (!ex.end(abort)) {
            return; // a repeated end, or it rides on the response's post
        }
        if (ctx.loop.inLoop()) {
            exchangeDone(ex);
        } else if (!post(() -> exchangeDone(ex))) {
            // the loop closed under the request (forced down): no loop will take this end, so the
            // request is finished here; the line and the state are loop-only and stay as they are
            finishRequest(ex);
        }
    }

    @Override
    public void exchangeDone(Exchange ex) {
        if (!finishRequest(ex)) {
            return; // taken already
        }
        if (closed || !line.isHead(ex)) {
            return; // gone, dropped, or waits for the exchanges before it
        }
        Exchange done = ex;
        while (true) {
            line.pop();
            bodyPaused = false;
            if (done.aborted()) {
                line.dropAll("the connection was cut after an earlier response failed");
                closeAfterFlush();
                return;
            }
            if (done.closeAfter || ((closeRequested || server.draining()) && line.isEmpty())) {
                line.dropAll("the connection closes after an earlier response (Connection: close)");
                closeGracefully();
                return;
            }
            Exchange next = line.advance();
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
            if (!next.finished()) {
                break;
            }
            done = next;
        }
        if (!processing) {
            process();
        }
    }

    /**
     * Any thread: takes the handler's end and counts the request as finished (the end state and
     * the body pipe are thread-safe); false if the end was taken already.
     */
    private boolean finishRequest(Exchange ex) {
        if (!ex.takeEnd()) {
            return false;
        }
        server.requestFinished(ex);
        if (ex.pipe != null) {
            ex.pipe.release();
        }
        return true;
    }

    /** Handler thread: sends the 101 head; from then on {@code protocol} owns the connection's input. */
    void upgrade(ByteBuffer head, UpgradedProtocol protocol) {
        boolean posted = post(() -> {
            if (closed) {
                protocol.onClosed();
                return;
            }
            upgraded = protocol;
            line.clear();
            state = State.UPGRADED;
            clearDeadline();
            try {
                output.submit(null, head, null);
            } catch (IOException e) {
                return; // closed meanwhile: onClosed was called
            }
            if (server.draining()) {
                protocol.onDrain();
            }
            process();
        });
        if (!posted) {
            // the loop is closed and never saw the protocol: this thread is the only one touching it
            protocol.onClosed();
        }
    }

    // ------------------------------------------- output (queue and writes: ConnectionOutput)

    /** Handler thread: sends 100 Continue once, if the client asked and nothing was sent yet. */
    void sendContinue(Exchange ex) throws IOException {
        if (!ex.head.expectContinue() || ex.continueSent || ex.response.isCommitted()) {
            return;
        }
        ex.continueSent = true;
        output.submit(ex, ByteBuffer.wrap(CONTINUE), null);
        post(() -> armBodyDeadline(ex)); // the client sends the body now
    }

    @Override
    public void updateInterest() {
        if (closed || !key.isValid()) {
            return;
        }
        boolean room = in == null || in.position() > 0 || in.limit() < in.capacity();
        boolean read = room && !bodyPaused && (!output.aboveHigh() || state == State.LINGER);
        boolean write = output.wantsWrite();
        if (write) {
            output.watchStall(); // the socket took less than was queued: the client must take some in time
        }
        int want = (read ? SelectionKey.OP_READ : 0) | (write ? SelectionKey.OP_WRITE : 0);
        if (want != ops) {
            ops = want;
            key.interestOps(want);
        }
    }

    @Override
    public boolean processing() {
        return processing;
    }

    @Override
    public boolean moreInFlight() {
        return line.moreThanOne();
    }

    @Override
    public void flushed() {
        if (state == State.CLOSING) {
            startLinger();
        } else if (state == State.DRAIN && closeRequested) {
            closeGracefully(); // the response is out and no next request is to come: stop discarding
        } else {
            if (state == State.IDLE && deadlineKind == NO_DEADLINE) {
                idleOrSending(); // the response is out: the keep-alive period starts
            }
            updateInterest();
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
        output.queue(HeadWriter.error(status, message, server.config().serverHeader(), server.config().dateHeader()));
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
        clearDeadline(); // what is left is the write deadline: a client that stops reading is cut
        output.flush();
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

    @Override
    public void writeFailed(String why) {
        abort(why);
    }

    private void abort(String why) {
        ServerCore.LOG.log(Level.DEBUG, () -> "connection from " + peer + " aborted: " + why);
        Exchange ex = line.current;
        if (ex != null && ex.pipe != null) {
            ex.pipe.fail(new IOException("the connection failed: " + why));
        }
        closeNow();
    }

    /**
     * Loop, closing: the loop closes the channel as soon as this returns (it was forced down, or
     * the runner closed it before the server's drain ended); the connection ends as on any close,
     * so it is no longer counted and its handlers are told.
     */
    @Override
    public void loopClosed(SelectionKey k) {
        closeNow("the loop '" + ctx.loop.name() + "' serving the connection closed");
    }

    /** Loop: closes at once; cancels a running handler if configured. */
    void closeNow() {
        closeNow("the client disconnected");
    }

    private void closeNow(String why) {
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
        if (in != null) {
            ctx.pool.release(in);
            in = null;
        }
        output.close();
        Exchange ex = line.current;
        if (ex != null && ex.pipe != null) {
            ex.pipe.fail(new IOException("the connection closed before the request body ended"));
        }
        line.dropAll(why);
        if (upgraded != null) {
            upgraded.onClosed();
        }
        ctx.remove(this);
        server.connectionClosed();
    }

    @Override
    public boolean post(Runnable r) {
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
