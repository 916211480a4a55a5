package io.gyre.testing.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An in-memory body channel between a handler (writer) and a test (reader). The reader may
 * disconnect, after which writes fail with an {@link IOException} as a real socket would.
 *
 * <p>Thread-safety: one writer thread and one reader thread; {@code lock} guards all fields.
 */
public final class Pipe {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private int readPosition;
    private boolean closedByWriter;
    private boolean disconnected;

    public final OutputStream output = new OutputStream() {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            lock.lock();
            try {
                if (disconnected) {
                    throw new IOException("the test client disconnected");
                }
                if (closedByWriter) {
                    throw new IOException("body already closed");
                }
                buffer.write(b, off, len);
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void flush() throws IOException {
            lock.lock();
            try {
                if (disconnected) {
                    throw new IOException("the test client disconnected");
                }
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void close() {
            finish();
        }
    };

    public final InputStream input = new InputStream() {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            lock.lock();
            try {
                while (buffer.size() == readPosition && !closedByWriter && !disconnected) {
                    changed.await();
                }
                if (buffer.size() == readPosition) {
                    return -1;
                }
                byte[] all = buffer.toByteArray();
                int n = Math.min(len, all.length - readPosition);
                System.arraycopy(all, readPosition, b, off, n);
                readPosition += n;
                return n;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while reading the response");
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void close() {
            disconnect();
        }
    };

    /** The client goes away: later writes fail. */
    public void disconnect() {
        lock.lock();
        try {
            disconnected = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Marks the body complete (the handler returned). */
    public void finish() {
        lock.lock();
        try {
            closedByWriter = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public byte[] all() {
        lock.lock();
        try {
            return buffer.toByteArray();
        } finally {
            lock.unlock();
        }
    }
}
