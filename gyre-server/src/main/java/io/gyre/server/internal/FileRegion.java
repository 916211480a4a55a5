package io.gyre.server.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;

/** A file (or its remainder) queued for zero-copy transfer to a connection. Loop-thread only. */
final class FileRegion {
    private final FileChannel file;
    private long position;
    private final long end;

    FileRegion(FileChannel file, long length) {
        this.file = file;
        this.end = length;
    }

    /** Transfers what the socket takes now; returns whether the whole region was sent. */
    boolean transferTo(WritableByteChannel target) throws IOException {
        while (position < end) {
            long n = file.transferTo(position, end - position, target);
            if (n <= 0) {
                return false;
            }
            position += n;
        }
        return true;
    }

    /** How far into the region the transfer has come. */
    long position() {
        return position;
    }

    void close() {
        try {
            file.close();
        } catch (IOException ignored) {
            // read-only file; nothing to flush
        }
    }
}
