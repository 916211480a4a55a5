package io.gyre.server.internal.ws;

import java.util.Arrays;
import java.util.zip.Deflater;

/**
 * The sending half of permessage-deflate (RFC 7692 section 7.2.1): compresses a message with a
 * sync flush and strips the trailing 00 00 FF FF. Always uses a 32 KiB window (the JDK's
 * Deflater cannot use a smaller one), which is why offers that limit server_max_window_bits
 * below 15 are declined. Callers serialise use (the session's send lock); {@link #close()} frees
 * the native memory.
 */
final class MessageDeflater {
    private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    private final boolean resetEachMessage;
    private byte[] buf = new byte[4096];

    /** @param resetEachMessage true when server_no_context_takeover was agreed */
    MessageDeflater(boolean resetEachMessage) {
        this.resetEachMessage = resetEachMessage;
    }

    byte[] compress(byte[] data, int off, int len) {
        deflater.setInput(data, off, len);
        int size = 0;
        while (true) {
            if (size == buf.length) {
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
            int room = buf.length - size;
            int n = deflater.deflate(buf, size, room, Deflater.SYNC_FLUSH);
            size += n;
            if (n < room) {
                break; // the flush is complete
            }
        }
        if (resetEachMessage) {
            deflater.reset();
        }
        if (size >= 4 && buf[size - 4] == 0 && buf[size - 3] == 0 && buf[size - 2] == (byte) 0xFF
                && buf[size - 1] == (byte) 0xFF) {
            size -= 4;
        }
        byte[] out = Arrays.copyOf(buf, size);
        if (buf.length > 64 * 1024) {
            buf = new byte[4096]; // do not keep a large buffer for the session's lifetime
        }
        return out;
    }

    void close() {
        deflater.end();
    }
}
