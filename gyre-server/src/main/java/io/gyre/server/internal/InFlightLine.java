package io.gyre.server.internal;

import io.gyre.runtime.Task;
import io.gyre.server.Handler;
import io.gyre.server.LoopSafeHandler;
import io.gyre.server.internal.http.HttpParseException;
import io.gyre.server.internal.http.RequestHead;
import io.gyre.server.internal.http.RequestHeadParser;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * The line of a connection's exchanges in flight, in request order: dispatches pipelined
 * requests as concurrent tasks (read-ahead), moves the head of the line on as exchanges finish,
 * and gives up on the line when the connection closes.
 */
final class InFlightLine {
    /*
     * Overview: `inflight` holds the dispatched exchanges in request order; its first is
     * `current`, the head of the line, whose output goes out directly. While `current` needs no
     * body and asks for no upgrade, complete heads already in the input are dispatched as tasks
     * too (read-ahead, at most MAX_IN_FLIGHT), but only for a task handler and only heads without
     * a body or an upgrade: the first head that does not qualify is parsed and kept in `heldHead`
     * (a parse error in `heldError`) until the line is empty, and stops the read-ahead. Nothing is
     * read ahead of an upgrade request: once it is answered 101, the bytes after it belong to the
     * new protocol (a WebSocket client waits for the 101 before it sends more, RFC 6455 4.1). A
     * later exchange's output is held by ConnectionOutput until it reaches the head of the line.
     * An exchange that finishes early waits, its end taken (Exchange.finished), for the ones
     * before it. A response that closes the connection drops the exchanges after it (cancelled,
     * output discarded), and so does the connection's close. Read-ahead stops at a head without
     * keep-alive, at a drain, and above the high watermark.
     *
     * Threads: loop-only, except `newest` (volatile; read by handler threads to decide
     * Connection: close). The connection decides when the line moves (see
     * Connection.exchangeDone); this class keeps the line and its invariants.
     */

    /** Most pipelined requests of one connection running at once. */
    static final int MAX_IN_FLIGHT = 16;
    private static final String TASK_NAME = "http-request";

    private final Connection conn;
    private final ServerCore server;
    private final ConnectionOutput output;
    private final ArrayDeque<Exchange> inflight = new ArrayDeque<>(4);
    /** The head of the line: the first of {@code inflight}, or null. Written only here. */
    Exchange current;
    /** The exchange dispatched last; read by handler threads to decide Connection: close. */
    private volatile Exchange newest;
    /** A parsed head that waits until every exchange in flight finished. */
    private RequestHead heldHead;
    /** A parse error met by read-ahead, answered once the requests before it are. */
    private HttpParseException heldError;

    InFlightLine(Connection conn, ServerCore server, ConnectionOutput output) {
        this.conn = conn;
        this.server = server;
        this.output = output;
    }

    /** Any thread: whether {@code ex} is the last request dispatched on this connection so far. */
    boolean isNewest(Exchange ex) {
        return newest == ex;
    }

    /** Whether more exchanges than the head of the line are in flight (their responses follow). */
    boolean moreThanOne() {
        return inflight.size() > 1;
    }

    boolean isEmpty() {
        return inflight.isEmpty();
    }

    /** The parse error read-ahead met, now to be answered (the line is empty), or null. */
    HttpParseException takeHeldError() {
        HttpParseException e = heldError;
        heldError = null;
        return e;
    }

    boolean hasHeldHead() {
        return heldHead != null;
    }

    /** The head read-ahead parsed but did not dispatch, now to run (the line is empty), or null. */
    RequestHead takeHeldHead() {
        RequestHead head = heldHead;
        heldHead = null;
        return head;
    }

    /** Starts an exchange for {@code head} alone, at the head of the (empty) line. */
    Exchange startAlone(RequestHead head) {
        Exchange ex = new Exchange(conn, head);
        current = ex;
        ex.released = true;
        inflight.add(ex);
        newest = ex;
        return ex;
    }

    /**
     * While a handler runs: dispatches the next pipelined head in {@code in} as a concurrent
     * task, if it and the line qualify (see the overview); returns whether it did. A head that
     * does not qualify is kept for later; a parse error is kept to be answered in turn (check
     * {@link #readAheadFailed}).
     */
    boolean readAhead(RequestHeadParser parser, ByteBuffer in) {
        Exchange last = inflight.peekLast();
        if (last == null || current == null || current.pipe != null || asksForUpgrade(current.head)
                || heldHead != null || heldError != null || inflight.size() >= MAX_IN_FLIGHT || server.draining()
                || !last.head.keepAlive() || last.closeAfter || output.aboveHigh() || server.handler() instanceof LoopSafeHandler) {
            return false;
        }
        RequestHead head;
        try {
            head = parser.parse(in);
        } catch (HttpParseException e) {
            heldError = e; // answered once the requests before it are
            return false;
        }
        if (head == null) {
            return false;
        }
        parser.reset();
        if (head.hasBody() || asksForUpgrade(head) || server.isReadinessPath(head.path())) {
            heldHead = head; // runs alone, after the ones in flight
            return false;
        }
        Exchange ex = new Exchange(conn, head);
        inflight.add(ex);
        newest = ex;
        server.requestStarted();
        spawn(ex, server.handler());
        return true;
    }

    /** Whether {@code head} asks to switch protocols: until it is answered, what follows may not be HTTP. */
    private static boolean asksForUpgrade(RequestHead head) {
        return head.upgrade().isPresent() || head.upgradeListsWebSocket();
    }

    /** Whether read-ahead met a parse error (the input after it is to be discarded). */
    boolean readAheadFailed() {
        return heldError != null;
    }

    /** Runs the exchange's handler as a task in the server's request scope. */
    void spawn(Exchange ex, Handler handler) {
        try {
            Task<Void> t = server.requests().spawn(TASK_NAME, () -> ex.run(handler));
            ex.task = t;
            t.onDone(ex::taskEnded); // a task cancelled before it starts never runs the handler
            if (!conn.isOpen() && server.config().cancelOnDisconnect()) {
                t.cancel("the client disconnected");
            }
        } catch (IllegalStateException e) {
            ex.run((rq, rs) -> rs.status(503).header("Connection", "close").send("Service Unavailable: shutting down\n"));
        }
    }

    /**
     * The loop took the end of {@code ex} (Exchange.takeEnd): returns whether the line moves on
     * now (see Connection.exchangeDone), that is whether {@code ex} is the head of the line. One
     * behind the head waits for the ones before it; one dropped, or out of the line after an
     * upgrade, is never the head: {@code current} is always in the line.
     */
    boolean isHead(Exchange ex) {
        return ex == current;
    }

    /** Takes the (finished) head of the line off it; the line has no head until {@link #advance}. */
    void pop() {
        inflight.pollFirst();
        current = null;
    }

    /** Makes the next exchange the head of the line (its held output goes out); null if none. */
    Exchange advance() {
        Exchange next = inflight.peekFirst();
        if (next != null) {
            current = next;
            output.release(next);
        }
        return next;
    }

    /**
     * Gives up on every exchange in flight (the connection decided to close, or closed): the line
     * ends, their held output is discarded and their tasks are cancelled (if configured) for
     * {@code why}. Their ends still reach Connection.exchangeDone, which counts each request
     * once and finds none of them the head.
     */
    void dropAll(String why) {
        current = null;
        heldHead = null;
        for (Exchange ex; (ex = inflight.pollFirst()) != null; ) {
            ex.drop();
            output.discardHeld(ex);
            Task<?> t = ex.task;
            if (t != null && server.config().cancelOnDisconnect()) {
                t.cancel(why);
            }
        }
        output.wakeWriters();
    }

    /**
     * The head of the line upgraded the connection: the line ends; its task goes on running the
     * new protocol. It ran alone (nothing is read ahead of an upgrade request); anything else in
     * the line could never be answered over HTTP, so it is dropped as on a close.
     */
    void clear() {
        inflight.pollFirst();
        dropAll("the connection switched to another protocol after an earlier request");
    }
}
