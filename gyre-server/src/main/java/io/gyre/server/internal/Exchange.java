package io.gyre.server.internal;

import io.gyre.runtime.CancelledException;
import io.gyre.runtime.Task;
import io.gyre.server.Handler;
import io.gyre.server.LoopSafeHandler;
import io.gyre.server.RequestBodyException;
import io.gyre.server.internal.http.BodyDecoder;
import io.gyre.server.internal.http.RequestHead;
import java.lang.System.Logger.Level;

/**
 * One request and its response on a connection. Created and finished on the loop; the handler
 * runs on a task thread (or inline on the loop for loop-safe handlers).
 */
final class Exchange {
    /* Threads: `decoder` is loop-only. `task`, `continueSent`, `closeAfter` are written by one side
     * and read by the other, hence volatile; the end state (see `state` below) is changed by both.
     * The request and response are used by the handler. */
    final Connection conn;
    final RequestHead head;
    final RequestImpl request;
    final ResponseImpl response;
    final BodyPipe pipe;
    final BodyDecoder decoder;
    volatile Task<?> task;
    volatile boolean continueSent;
    /** Set by the loop when the body deadline passed; the handler's failure then answers 408. */
    volatile RequestBodyException bodyTimeout;
    /** Set when {@link #run} begins; a task cancelled before it started never sets it. */
    private volatile boolean started;
    /** The committed head said Connection: close (or the response was cut off). */
    volatile boolean closeAfter;

    /*
     * Pipelining (see Connection): an exchange dispatched while earlier ones still run has its
     * output held here until it reaches the head of the line. `released` is written by the loop
     * and read by the handler's thread (awaitWritable, send); `heldBytes` is written by the loop
     * only; `held` is loop-only.
     */
    /** Whether this exchange is at the head of its connection's line: its output goes out directly. */
    volatile boolean released;
    /** Bytes of output held back until {@link #released}. */
    volatile long heldBytes;
    /** Output submitted before {@link #released}, in order (ByteBuffer or FileRegion). */
    java.util.ArrayDeque<Object> held;

    /*
     * The end state: one int of bits, changed only by atomic read-modify-writes, since the
     * handler's thread and the loop both change it.
     *   SENDING  handler: a response's bytes are posted to the loop; loop: that post ran (cleared)
     *   ENDED    the handler ended (its first end; a repeated one is ignored), ABORT with it if
     *            that end cuts the connection. An end while SENDING rides on that post: the loop
     *            takes it when it runs the post, so one post carries the response and the end,
     *            and the response never waits for the end. Otherwise the end is posted on its own.
     *   TAKEN    loop: the line took the end (once; see takeEnd). Not at the head of the line yet,
     *            the exchange then waits for the ones before it.
     *   DROPPED  loop: the connection gave up on the exchange (an earlier response closed it, or
     *            the connection closed): its output is discarded; read by the handler's thread.
     */
    private static final int SENDING = 1;
    private static final int ENDED = 2;
    private static final int ABORT = 4;
    private static final int TAKEN = 8;
    private static final int DROPPED = 16;
    private static final java.lang.invoke.VarHandle STATE;

    static {
        try {
            STATE = java.lang.invoke.MethodHandles.lookup().findVarHandle(Exchange.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Read directly, changed only through {@code STATE}. */
    private volatile int state;

    /** Handler thread: the response's bytes are about to be posted to the loop. */
    void sendPosting() {
        STATE.getAndBitwiseOr(this, SENDING);
    }

    /**
     * Loop: the post of the response's bytes runs (or the handler's thread takes it back, the
     * loop being closed). True if the handler ended by then: the loop takes the end now.
     */
    boolean sendRun() {
        return ((int) STATE.getAndBitwiseAnd(this, ~SENDING) & ENDED) != 0;
    }

    /**
     * Any thread: the handler ended; {@code abort} if that cuts the connection. True if the loop
     * must be told of it; false for a repeated end, or one that rides on the response's post.
     */
    boolean end(boolean abort) {
        int s = state;
        while ((s & ENDED) == 0) {
            int witness = (int) STATE.compareAndExchange(this, s, s | ENDED | (abort ? ABORT : 0));
            if (witness == s) {
                return (s & SENDING) == 0;
            }
            s = witness;
        }
        return false;
    }

    /** Loop: the line takes the handler's end; false if it took it already. */
    boolean takeEnd() {
        return ((int) STATE.getAndBitwiseOr(this, TAKEN) & TAKEN) == 0;
    }

    /** Loop: whether the line took the handler's end. */
    boolean finished() {
        return (state & TAKEN) != 0;
    }

    /** Loop, once the end was taken: whether it cuts the connection. */
    boolean aborted() {
        return (state & ABORT) != 0;
    }

    /** Loop: the connection gives up on this exchange; its output is discarded from now on. */
    void drop() {
        STATE.getAndBitwiseOr(this, DROPPED);
    }

    /** Any thread: whether the connection gave up on this exchange. */
    boolean dropped() {
        return (state & DROPPED) != 0;
    }

    Exchange(Connection conn, RequestHead head) {
        this.conn = conn;
        this.head = head;
        ServerCore server = conn.server();
        if (head.hasBody()) {
            this.pipe = new BodyPipe(conn, server.config().bodyBufferBytes(), server.counters());
            this.decoder = BodyDecoder.forHead(head, server.limits());
        } else {
            this.pipe = null;
            this.decoder = null;
        }
        this.request = new RequestImpl(this);
        this.response = new ResponseImpl(this);
    }

    /** Runs the handler and hands the outcome to the connection; on a task thread or the loop. */
    void run(Handler handler) {
        started = true;
        Throwable failure = null;
        try {
            handler.handle(request, response);
            response.finish();
        } catch (Throwable t) {
            failure = t;
        }
        boolean abort = false;
        if (failure != null) {
            abort = failed(failure);
        }
        conn.handlerDone(this, abort);
    }

    /** Loop: where a loop-safe handler wants this request run; one whose choice fails runs as a task. */
    boolean runsInline(LoopSafeHandler handler) {
        try {
            return handler.runsInline(request);
        } catch (RuntimeException e) {
            ServerCore.LOG.log(Level.WARNING, "request '" + head + "': the handler's runsInline(...) failed;"
                    + " running the request as a task", e);
            return false;
        }
    }

    /**
     * The request's task ended (on its thread). A task cancelled before it started (its client
     * left, or shutdown cancelled it, while it waited for a thread) never ran {@link #run}: finish
     * the exchange here, or the request would stay counted as in flight for good.
     */
    void taskEnded(Task<?> task) {
        if (started) {
            return;
        }
        Throwable why = task.failure().orElseGet(() -> new CancelledException("the request's task ended before it ran"));
        conn.handlerDone(this, failed(why));
    }

    /** Handles a handler failure; returns whether the connection must be cut (response started). */
    private boolean failed(Throwable failure) {
        ServerCore server = conn.server();
        RequestBodyException found = bodyFailure(failure);
        // a cancellation by the body deadline answers as the deadline; any other failure is the handler's
        RequestBodyException body = found != null ? found : failure instanceof CancelledException ? bodyTimeout : null;
        // the pipe fails before the loop marks the connection closed: ask it too, or a handler that
        // saw the client leave mid-body would be logged as failing and answered (to nobody)
        boolean gone = !conn.isOpen() || pipe != null && pipe.clientGone();
        Throwable cleanup = failure instanceof CancelledException ce ? ce.cleanupFailure().orElse(null) : null;
        if (cleanup != null) {
            // the request was cancelled (client gone, shutdown, body deadline) and a close in its unwinding threw
            ServerCore.LOG.log(Level.WARNING, "request '" + head + "' was cancelled (" + failure.getMessage()
                    + "), and its cleanup failed: " + cleanup, failure);
        } else if (body != null) {
            ServerCore.LOG.log(Level.DEBUG, () -> "request '" + head + "': bad request body: " + body.getMessage());
        } else if (failure instanceof CancelledException ce) {
            if (!gone) {
                ServerCore.LOG.log(Level.INFO, () -> "request '" + head + "' was cancelled: " + ce.getMessage());
            }
        } else if (gone) {
            ServerCore.LOG.log(Level.DEBUG, () -> "request '" + head + "' ended after the client went away: " + failure);
        } else if (failure instanceof io.gyre.server.ResponseAbortedException && response.isCommitted()) {
            // the handler logged the failure itself; the cut below is all that is left to do
            ServerCore.LOG.log(Level.DEBUG, () -> "request '" + head + "': the handler aborted its response: " + failure);
        } else {
            ServerCore.LOG.log(Level.WARNING, "request '" + head + "' failed" + (response.isCommitted()
                    ? " after its response started; closing the connection" : "; answering 500"), failure);
        }
        if (gone) {
            return true;
        }
        if (!response.isCommitted()) {
            int status = body != null ? body.status() : failure instanceof CancelledException ? 503 : 500;
            try {
                response.sendError(status, body != null ? body.getMessage() : HeadWriter.reason(status));
                return false;
            } catch (RuntimeException e) {
                return true;
            }
        }
        closeAfter = true;
        return true;
    }

    /** The RequestBodyException in {@code t}'s cause chain, or null. */
    private static RequestBodyException bodyFailure(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof RequestBodyException b) {
                return b;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return head.toString();
    }
}
