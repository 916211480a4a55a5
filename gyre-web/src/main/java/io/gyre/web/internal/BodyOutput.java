package io.gyre.web.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * The stream a streamed body is written to. It holds the response's head back until the body is
 * flushed, outgrows {@value #HOLD} bytes, or ends, so that a writer that fails before then can
 * still be answered with an error response; and it tells a failure of the client's connection
 * (a write to the server's stream failed) from a failure of the writer itself.
 */
final class BodyOutput extends OutputStream {
    /* Overview: `opener` applies the status and headers and returns the server's body stream.
     * Once it ran (`target` set) the head is committed: start() flushes at once, so there is
     * never a state where the server's stream is open but the head is not sent, and the error
     * response can only be chosen while `target` is null.
     *
     * Thread-safety: used by the request's task (SSE writes from the source's task are
     * serialized by SseWriter's lock, which also orders them with this task's writes). */

    /** Applies the response's head and returns the server's body stream. */
    @FunctionalInterface
    interface Opener {
        OutputStream open();
    }

    static final int HOLD = 8192;

    private final Opener opener;
    private byte[] held; // the body before the head is sent; allocated on the first write
    private int count;
    private OutputStream target; // the server's stream, once the head was handed to it
    private boolean opening; // the opener was called: the head is (being) applied, maybe sent
    private boolean clientGone; // a write, flush or close of the server's stream failed
    private boolean closed;

    BodyOutput(Opener opener) {
        this.opener = opener;
    }

    /** Whether the head was handed to the server: the response can no longer change. */
    boolean started() {
        return opening;
    }

    /** Whether writing to the client failed (it went away), as opposed to the body's writer. */
    boolean clientGone() {
        return clientGone;
    }

    @Override
    public void write(int b) throws IOException {
        checkOpen();
        if (target == null && count < HOLD) {
            hold()[count++] = (byte) b;
            return;
        }
        if (target == null) {
            start();
        }
        try {
            target.write(b);
        } catch (IOException e) {
            throw gone(e);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        checkOpen();
        if (target == null && count + len <= HOLD) {
            System.arraycopy(b, off, hold(), count, len);
            count += len;
            return;
        }
        if (target == null) {
            start();
        }
        try {
            target.write(b, off, len);
        } catch (IOException e) {
            throw gone(e);
        }
    }

    @Override
    public void flush() throws IOException {
        checkOpen();
        if (target == null) {
            start();
            return;
        }
        try {
            target.flush();
        } catch (IOException e) {
            throw gone(e);
        }
    }

    /** Ends the body; a body that never flushed is sent whole (the server gives it a length). */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (target == null) {
            open();
        }
        try {
            target.close();
        } catch (IOException e) {
            throw gone(e);
        }
    }

    /** Sends the head with what was held, committing the response. */
    private void start() throws IOException {
        open();
        try {
            target.flush();
        } catch (IOException e) {
            throw gone(e);
        }
    }

    /** Applies the head and hands the server what was held. */
    private void open() throws IOException {
        opening = true; // from here on the response may be partly applied: no error response over it
        target = opener.open();
        try {
            if (count > 0) {
                target.write(held, 0, count);
            }
            held = null;
        } catch (IOException e) {
            throw gone(e);
        }
    }

    private byte[] hold() {
        if (held == null) {
            held = new byte[HOLD];
        }
        return held;
    }

    private IOException gone(IOException e) {
        clientGone = true;
        return e;
    }

    private void checkOpen() throws IOException {
        if (closed) {
            throw new IOException("the response body stream is closed");
        }
    }
}
