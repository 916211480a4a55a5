package io.gyre.server.internal;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * Read buffers of one loop, reused across its connections. Loop-thread only: no locking.
 * A connection holds a buffer only while it has unprocessed bytes.
 */
final class BufferPool {
    static final int BUFFER_BYTES = 16 * 1024;
    private static final int MAX_POOLED = 256;

    private final ArrayDeque<ByteBuffer> free = new ArrayDeque<>();

    /** Returns an empty buffer in read mode (position = limit = 0). */
    ByteBuffer acquire() {
        ByteBuffer b = free.pollFirst();
        if (b == null) {
            b = ByteBuffer.allocate(BUFFER_BYTES);
        }
        b.clear().flip();
        return b;
    }

    void release(ByteBuffer b) {
        if (free.size() < MAX_POOLED) {
            free.addFirst(b);
        }
    }
}
