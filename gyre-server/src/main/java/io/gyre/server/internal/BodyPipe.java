package io.gyre.server.internal;

import io.gyre.server.RequestBodyException;
import io.gyre.server.internal.http.BodyDecoder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The request body between the loop (which decodes into it) and the handler (which reads from
 * it): a bounded buffer. When it is full the loop stops reading the socket; the reader wakes the
 * loop once half of it is free again.
 */
final class BodyPipe {
    /* All fields below the lock are guarded by `lock`; `buf` is kept in write mode. */
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition more = lock.newCondition();
    private final ByteBuffer buf;
    private final Connection conn;
    private final Counters counters;
    private boolean complete;
    private IOException failure;
    /** How many handler threads wait in {@link #read} for bytes (0 or 1 in practice). */
    private int waiting;
    /** Set by the loop when it stopped reading because the buffer was full. */
    private boolean loopPaused;
    private boolean released;

    BodyPipe(Connection conn, int capacity, Counters counters) {
        this.conn = conn;
        this.buf = ByteBuffer.allocate(capacity);
        this.counters = counters;
    }

    /** Loop: decodes from {@code in}; returns whether the loop should pause reading (buffer full). */
    boolean fill(BodyDecoder decoder, ByteBuffer in) {
        lock.lock();
        try {
            if (released) {
                decoder.discard(in);
                return false;
            }
            int before = buf.position();
            int n;
            try {
                n = decoder.decode(in, buf);
            } finally {
                // a decoder that fails (bad chunk framing) may have written data first: count it too
                if (buf.position() > before) {
                    counters.requestBytes(buf.position() - before);
                }
            }
            if (decoder.isComplete()) {
                complete = true;
            }
            if (n > 0 || complete) {
                more.signalAll();
            }
            loopPaused = !complete && !buf.hasRemaining();
            return loopPaused;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Loop: the body cannot be completed (bad framing, a deadline, client gone). Returns whether
     * a handler thread waits in {@link #read}: woken now, it sees the failure.
     */
    boolean fail(IOException e) {
        lock.lock();
        try {
            if (!complete && failure == null) {
                failure = e;
            }
            more.signalAll();
            return waiting > 0 && failure == e;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Whether the body failed because the connection did (EOF, reset, closed), not because of
     * its framing or a deadline: the client is gone and no response can reach it.
     */
    boolean clientGone() {
        lock.lock();
        try {
            return failure != null && !(failure instanceof RequestBodyException);
        } finally {
            lock.unlock();
        }
    }

    boolean isComplete() {
        lock.lock();
        try {
            return complete;
        } finally {
            lock.unlock();
        }
    }

    /** Loop: the exchange ended; drops what is buffered. */
    void release() {
        lock.lock();
        try {
            released = true;
            counters.requestBytes(-buf.position());
            buf.clear();
        } finally {
            lock.unlock();
        }
    }

    /** Handler: reads up to {@code len} bytes, blocking until some arrive; -1 at the end. */
    int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        boolean resume = false;
        int n;
        lock.lock();
        try {
            while (buf.position() == 0) {
                if (failure != null) {
                    throw failure;
                }
                if (complete || released) {
                    return -1;
                }
                waiting++;
                try {
                    more.await();
                } catch (InterruptedException e) {
                    throw Blocking.cancelled("reading the request body");
                } finally {
                    waiting--;
                }
            }
            buf.flip();
            n = Math.min(len, buf.remaining());
            buf.get(b, off, n);
            buf.compact();
            counters.requestBytes(-n);
            if (loopPaused && buf.remaining() >= buf.capacity() / 2) {
                loopPaused = false;
                resume = true;
            }
        } finally {
            lock.unlock();
        }
        if (resume) {
            conn.resumeBody();
        }
        return n;
    }

    int available() {
        lock.lock();
        try {
            return buf.position();
        } finally {
            lock.unlock();
        }
    }
}
