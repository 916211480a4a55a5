package io.gyre.server.internal;

import io.gyre.runtime.CancelledException;
import io.gyre.runtime.Task;
import io.gyre.server.Handler;
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
    /** The committed head said Connection: close (or the response was cut off). */
    volatile boolean closeAfter;

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

    /** Handles a handler failure; returns whether the connection must be cut (response started). */
    private boolean failed(Throwable failure) {
        ServerCore server = conn.server();
        BodyException body = BodyException.find(failure);
        boolean gone = !conn.isOpen();
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
