package io.gyre.server.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;

/** A file (or its remainder) queued for zero-copy transfer to a connection. Loop-thread only. */
final class FileRegion {
    private final Path path;
    private final FileChannel file;
    private long position;
    private final long end;

    /** {@code length}: the file's size when the response declared it; {@code path} names it in errors. */
    FileRegion(Path path, FileChannel file, long length) {
        this.path = path;
        this.file = file;
        this.end = length;
    }

    /**
     * Transfers what the socket takes now; returns whether the whole region was sent. Fails if
     * the file ended early (it shrank after its length was declared): the rest will never come.
     */
    boolean transferTo(WritableByteChannel target) throws IOException {
        while (position < end) {
            long n = file.transferTo(position, end - position, target);
            if (n <= 0) {
                long size = file.size(); // nothing moved: a full socket, or no bytes left to send
                if (position >= size) {
                    throw new IOException("file " + path + " shrank to " + size + " bytes while it was being sent;"
                            + " its response declared " + end + " bytes and " + position + " were sent. Do not"
                            + " truncate or replace a file in place while it is served; write a new file and"
                            + " rename it over the old one");
                }
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
