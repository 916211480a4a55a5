package io.gyre.server.internal;

import java.io.IOException;
import java.io.InputStream;

/** The handler's view of the request body; the first read invites the client with 100 Continue. */
final class BodyStream extends InputStream {
    private final Exchange ex;
    private boolean started;

    BodyStream(Exchange ex) {
        this.ex = ex;
    }

    private void start() throws IOException {
        if (!started) {
            started = true;
            ex.conn.sendContinue(ex);
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (ex.pipe == null) {
            return -1;
        }
        start();
        return ex.pipe.read(b, off, len);
    }

    @Override
    public int available() {
        return ex.pipe == null ? 0 : ex.pipe.available();
    }
}
