package io.gyre.server.internal;

import io.gyre.runtime.CancelledException;
import io.gyre.runtime.Task;
import io.gyre.server.Handler;
import io.gyre.server.LoopSafeHandler;
import io.gyre.server.internal.http.BodyDecoder;
import io.gyre.server.internal.http.RequestHead;
import java.lang.System.Logger.Level;

/**
 * One request and its response on a connection. Created and finished on the loop; the handler
 * runs on a task thread (or inline on the loop for loop-safe handlers).
 */
final class Exchange {
    /* Threads: `decoder` is loop-only. `task`, `continueSent`, `closeAfter` are written by one side
     * and read by the other, hence volatile. The request and response are used by the handler. */
    final Connection conn;
    final RequestHead head;
    final RequestImpl request;
    final ResponseImpl response;
    final BodyPipe pipe;
    final BodyDecoder decoder;
    volatile Task<?> task;
    volatile boolean continueSent;
    /** Set by the loop when the body deadline passed; the handler's failure then answers 408. */
    volatile BodyException bodyTimeout;
    /** Set when {@link #run} begins; a task cancelled before it started never sets it. */
    private volatile boolean started;
    /** The committed head said Connection: close (or the response was cut off). */
    volatile boolean closeAfter;

    /*
     * Pipelining (see Connection): an exchange dispatched while earlier ones still run has its
     * output held here until it reaches the head of the line. `released` and `dropped` are
     * written by the loop and read by the handler's thread (awaitWritable, send); `heldBytes` is
     * written by the loop only; `held`, `finished` and `finishAbort` are loop-only.
     */
    /** Whether this exchange is at the head of its connection's line: its output goes out directly. */
    volatile boolean released;
    /** Whether the connection gave up on this exchange (an earlier response closed it): output is discarded. */
    volatile boolean dropped;
    /** Bytes of output held back until {@link #released}. */
    volatile long heldBytes;
    /** Output submitted before {@link #released}, in order (ByteBuffer or FileRegion). */
    java.util.ArrayDeque<Object> held;
    /** The handler finished (loop's view) but an earlier exchange has not. */
    boolean finished;
    boolean finishAbort;

    /*
     * One post for the response and the handler's end: a task handler's send(...) posts its bytes
     * to the loop (SEND_POSTED); if the handler ends before the loop ran that post, its end rides
     * along (DONE_RIDING, with `doneAbort`) instead of a second post. Once the loop ran the post
     * (SEND_RUN) the end is posted as usual. The response never waits for the handler's end.
     */
    static final int NO_SEND_POSTED = 0;
    static final int SEND_POSTED = 1;
    static final int DONE_RIDING = 2;
    static final int SEND_RUN = 3;
    private static final java.lang.invoke.VarHandle SEND_POST;

    static {
        try {
            SEND_POST = java.lang.invoke.MethodHandles.lookup().findVarHandle(Exchange.class, "sendPost", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // through SEND_POST
    private volatile int sendPost;
    /** Written before the end rides on the send's post (DONE_RIDING), read by the loop after. */
    volatile boolean doneAbort;

    /** Handler thread: the response's bytes are about to be posted to the loop. */
    void sendPosting() {
        SEND_POST.setVolatile(this, SEND_POSTED);
    }

    /** Handler thread: the handler ended; true if the end rides on the send's post (not run yet). */
    boolean rideOnSend(boolean abort) {
        doneAbort = abort;
        return SEND_POST.compareAndSet(this, SEND_POSTED, DONE_RIDING);
    }

    /** Loop: the send's post runs; true if the handler's end rode along. */
    boolean sendRun() {
        return (int) SEND_POST.getAndSet(this, SEND_RUN) == DONE_RIDING;
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
        BodyException found = BodyException.find(failure);
        BodyException body = found != null ? found : bodyTimeout; // a cancellation by the body deadline
        // the pipe fails before the loop marks the connection closed: ask it too, or a handler that
        // saw the client leave mid-body would be logged as failing and answered (to nobody)
        boolean gone = !conn.isOpen() || pipe != null && pipe.clientGone();
        if (body != null) {
            ServerCore.LOG.log(Level.DEBUG, () -> "request '" + head + "': bad request body: " + body.getMessage());
        } else if (failure instanceof CancelledException ce) {
            if (!gone) {
                ServerCore.LOG.log(Level.INFO, () -> "request '" + head + "' was cancelled: " + ce.getMessage());
            }
        } else if (gone) {
            ServerCore.LOG.log(Level.DEBUG, () -> "request '" + head + "' ended after the client went away: " + failure);
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

    @Override
    public String toString() {
        return head.toString();
    }
}
