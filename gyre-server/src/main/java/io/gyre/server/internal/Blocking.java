package io.gyre.server.internal;

import io.gyre.runtime.Cancellation;
import io.gyre.runtime.CancelledException;

/** Turns an interrupt caught at one of the server's blocking points into Gyre's cancellation. */
final class Blocking {
    private Blocking() {
    }

    static CancelledException cancelled(String while_) {
        Cancellation.checkpoint(); // throws the task's pending cancellation, naming its reason
        return new CancelledException("interrupted while " + while_);
    }

    static void requireNotLoop(Connection conn, String what) {
        if (conn.loop().inLoop()) {
            throw new IllegalStateException(what + " was called on loop thread '" + Thread.currentThread().getName()
                    + "', from a loop-safe handler; it may block, which would stall every connection on that"
                    + " loop. Use response.send(...) in loop-safe handlers, or drop the loop-safe marker so the"
                    + " handler runs as a task.");
        }
    }
}
