package io.gyre.server.internal;

import io.gyre.server.Headers;
import io.gyre.server.internal.http.HttpStatus;
import io.gyre.server.internal.http.ResponseEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Encodes response heads with the fields the server owns (Server, Date, framing, Connection),
 * through {@link ResponseEncoder}: status lines and the per-second Date line are cached bytes, so
 * encoding a head into a buffer allocates nothing.
 */
final class HeadWriter {
    private static final byte[] SERVER = "Server: gyre\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CHUNKED = "Transfer-Encoding: chunked\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CLOSE = "Connection: close\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEEP_ALIVE = "Connection: keep-alive\r\n".getBytes(StandardCharsets.US_ASCII);
    /**
     * Room for everything but the app's fields: the longest status line (48), Server (14), Date
     * (37), Content-Length with 19 digits (37), Transfer-Encoding (28), Connection (24), the end (2).
     */
    private static final int FIXED = 48 + 14 + 37 + 37 + 28 + 24 + 2;

    static final int CONNECTION_NONE = 0;
    static final int CONNECTION_CLOSE = 1;
    static final int CONNECTION_KEEP_ALIVE = 2;

    private HeadWriter() {
    }

    /** An upper bound of the bytes a head with these app fields takes. */
    static int headLength(Headers headers) {
        return headLength(FieldList.of(headers));
    }

    /** An upper bound of the bytes a head with these app fields takes. */
    static int headLength(FieldList fields) {
        int length = FIXED;
        for (int i = 0, n = fields.fieldCount(); i < n; i++) {
            length += fields.fieldName(i).length() + fields.fieldValue(i).length() + 4;
        }
        return length;
    }

    /**
     * Encodes a head into a new buffer, ready to read.
     *
     * @param contentLength the Content-Length to send, or -1 for none
     * @param chunked whether to send Transfer-Encoding: chunked
     * @param connection one of the CONNECTION_ constants
     */
    static ByteBuffer encode(int status, Headers headers, boolean server, boolean dateHeader, long contentLength,
            boolean chunked, int connection) {
        return encode(status, FieldList.of(headers), server, dateHeader, contentLength, chunked, connection);
    }

    /**
     * Encodes a head into a new buffer, ready to read.
     *
     * @param contentLength the Content-Length to send, or -1 for none
     * @param chunked whether to send Transfer-Encoding: chunked
     * @param connection one of the CONNECTION_ constants
     */
    static ByteBuffer encode(int status, FieldList fields, boolean server, boolean dateHeader, long contentLength,
            boolean chunked, int connection) {
        ByteBuffer out = ByteBuffer.allocate(headLength(fields));
        encode(out, status, fields, server, dateHeader, contentLength, chunked, connection);
        return out.flip();
    }

    /**
     * Encodes a head at the buffer's position, which must have {@link #headLength} bytes left.
     *
     * @param contentLength the Content-Length to send, or -1 for none
     * @param chunked whether to send Transfer-Encoding: chunked
     * @param connection one of the CONNECTION_ constants
     */
    static void encode(ByteBuffer out, int status, Headers headers, boolean server, boolean dateHeader,
            long contentLength, boolean chunked, int connection) {
        encode(out, status, FieldList.of(headers), server, dateHeader, contentLength, chunked, connection);
    }

    /**
     * Encodes a head at the buffer's position, which must have {@link #headLength} bytes left.
     *
     * @param contentLength the Content-Length to send, or -1 for none
     * @param chunked whether to send Transfer-Encoding: chunked
     * @param connection one of the CONNECTION_ constants
     */
    static void encode(ByteBuffer out, int status, FieldList fields, boolean server, boolean dateHeader,
            long contentLength, boolean chunked, int connection) {
        if (status <= 599) {
            ResponseEncoder.writeStatusLine(out, status);
        } else {
            out.put(("HTTP/1.1 " + status + " \r\n").getBytes(StandardCharsets.US_ASCII)); // no registered phrase
        }
        if (server && !fields.containsField("Server")) {
            out.put(SERVER);
        }
        if (dateHeader && !fields.containsField("Date")) {
            ResponseEncoder.writeDate(out);
        }
        for (int i = 0, n = fields.fieldCount(); i < n; i++) {
            ResponseEncoder.writeHeader(out, fields.fieldName(i), fields.fieldValue(i));
        }
        if (contentLength >= 0) {
            ResponseEncoder.writeContentLength(out, contentLength);
        }
        if (chunked) {
            out.put(CHUNKED);
        }
        if (connection == CONNECTION_CLOSE) {
            out.put(CLOSE);
        } else if (connection == CONNECTION_KEEP_ALIVE) {
            out.put(KEEP_ALIVE);
        }
        ResponseEncoder.writeEndOfHead(out);
    }

    /** A small error response the server writes itself (parse errors, 408, 503). */
    static ByteBuffer error(int status, String message, boolean server, boolean dateHeader) {
        byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
        FieldList fields = new FieldList();
        fields.addField("Content-Type", "text/plain; charset=utf-8");
        ByteBuffer all = ByteBuffer.allocate(headLength(fields) + body.length);
        encode(all, status, fields, server, dateHeader, body.length, false, CONNECTION_CLOSE);
        return all.put(body).flip();
    }

    /** The reason phrase of a status, "Status" for one without a registered phrase. */
    static String reason(int status) {
        String reason = HttpStatus.reason(status);
        return reason.isEmpty() ? "Status" : reason;
    }
}
