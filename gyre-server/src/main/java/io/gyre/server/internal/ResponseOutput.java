package io.gyre.server.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The streaming response body: buffered, chunked unless a Content-Length was declared. Writes
 * block while the connection is above its high watermark.
 */
final class ResponseOutput extends OutputStream {
    private static final int BUFFER = 8192;
    private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final ResponseImpl response;
    private final Connection conn;
    private final long declared;
    private final byte[] buf = new byte[BUFFER];
    private int count;
    private long written;
    private boolean chunked;
    private boolean closed;

    ResponseOutput(ResponseImpl response, long declared) {
        this.response = response;
        this.conn = response.exchange().conn;
        this.declared = declared;
    }

    @Override
    public void write(int b) throws IOException {
        checkOpen();
        checkLength(1);
        if (count == buf.length) {
            send(false);
        }
        buf[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        checkOpen();
        checkLength(len);
        while (len > 0) {
            if (count == buf.length) {
                send(false);
            }
            int n = Math.min(len, buf.length - count);
            System.arraycopy(b, off, buf, count, n);
            count += n;
            off += n;
            len -= n;
        }
    }

    @Override
    public void flush() throws IOException {
        checkOpen();
        send(false);
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        if (!response.isCommitted() && declared < 0) {
            // the whole body fit in the buffer: send it with a Content-Length
            closed = true;
            byte[] body = java.util.Arrays.copyOf(buf, count);
            count = 0;
            response.markDone();
            boolean noBody = response.noBody();
            ByteBuffer head = response.commit(noBody && !response.exchange().head.isHead() ? -1 : body.length, false);
            conn.output.submit(response.exchange(), head, noBody ? null : ByteBuffer.wrap(body));
            response.countBody(noBody ? 0 : body.length);
            return;
        }
        if (!response.isCommitted() && response.refusesLength(written + count)) {
            // nothing was sent yet: refuse before the head goes out, so the handler's failure can still answer
            // (the stream stays open: the server's own close at the end fails the same way)
            throw new IOException("cannot end the body of the response to '" + response.exchange().head
                    + "': it declared Content-Length " + declared + " but " + (written + count)
                    + " bytes were written; write exactly " + declared + " bytes, or set no Content-Length to stream"
                    + " a chunked body");
        }
        send(true);
        closed = true;
        response.markDone();
        if (response.refusesLength(written)) {
            response.exchange().closeAfter = true;
            throw new IOException("the response to '" + response.exchange().head + "' declared Content-Length "
                    + declared + " but " + written + " bytes were written; the connection will be closed");
        }
    }

    /** Refuses a write that would go past the declared Content-Length, before any of it is buffered. */
    private void checkLength(int len) throws IOException {
        if (len > 0 && response.forbidsBody()) {
            throw new IOException(response.bodyForbiddenMessage("write", len));
        }
        if (declared >= 0 && written + count + len > declared) {
            throw new IOException("cannot write " + len + " more bytes to the body of the response to '"
                    + response.exchange().head + "': it declared Content-Length " + declared + " and "
                    + (written + count) + " bytes were written; write exactly " + declared
                    + " bytes, or set no Content-Length to stream a chunked body");
        }
    }

    private void checkOpen() throws IOException {
        if (closed) {
            throw new IOException("the response body stream is closed");
        }
        if (!conn.isOpen()) {
            throw new IOException("the client of '" + response.exchange().head + "' disconnected");
        }
    }

    /** Commits if needed and hands the buffered bytes (plus the end, if last) to the connection. */
    private void send(boolean last) throws IOException {
        ByteBuffer head = null;
        if (!response.isCommitted()) {
            chunked = declared < 0;
            head = response.commit(declared, chunked);
            chunked = chunked && response.exchange().head.version() != io.gyre.server.internal.http.HttpVersion.HTTP_1_0;
        }
        boolean noBody = response.noBody();
        ByteBuffer data = null;
        if (count > 0) {
            // never past a declared length (checkLength refuses such writes); counted also when not sent
            // (HEAD, 304): the declared length still holds
            written += count;
            if (!noBody) {
                data = frame(buf, count, last && chunked);
                response.countBody(count);
            }
        } else if (last && chunked && !noBody) {
            data = ByteBuffer.wrap(LAST_CHUNK);
        }
        count = 0;
        if (head == null && data == null) {
            return;
        }
        conn.output.submit(response.exchange(), head != null ? head : data, head != null ? data : null);
        if (!last) {
            conn.output.awaitWritable(response.exchange());
        }
    }

    private ByteBuffer frame(byte[] b, int n, boolean lastChunk) {
        if (!chunked) {
            return ByteBuffer.wrap(java.util.Arrays.copyOf(b, n));
        }
        byte[] size = (Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        ByteBuffer out = ByteBuffer.allocate(size.length + n + 2 + (lastChunk ? LAST_CHUNK.length : 0));
        out.put(size).put(b, 0, n).put((byte) '\r').put((byte) '\n');
        if (lastChunk) {
            out.put(LAST_CHUNK);
        }
        return out.flip();
    }
}
