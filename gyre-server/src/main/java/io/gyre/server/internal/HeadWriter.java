package io.gyre.server.internal;

import io.gyre.server.Headers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Encodes response heads: status line, fields, and the framing fields the server owns. */
final class HeadWriter {
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] SERVER = "Server: gyre\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final DateTimeFormatter DATE = DateTimeFormatter
            .ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
    /** The cached Date line, with the second it was made for; replaced once per second. */
    private static volatile DateLine date = new DateLine(-1, new byte[0]);

    private record DateLine(long second, byte[] bytes) {
    }

    static final int CONNECTION_NONE = 0;
    static final int CONNECTION_CLOSE = 1;
    static final int CONNECTION_KEEP_ALIVE = 2;

    private HeadWriter() {
    }

    /** The Date header line, including its CRLF; allocation-free within a second. */
    static byte[] dateLine() {
        long now = System.currentTimeMillis() / 1000;
        DateLine d = date;
        if (d.second != now) {
            String text = "Date: " + DATE.format(ZonedDateTime.ofInstant(java.time.Instant.ofEpochSecond(now),
                    ZoneOffset.UTC)) + "\r\n";
            d = new DateLine(now, text.getBytes(StandardCharsets.US_ASCII));
            date = d;
        }
        return d.bytes;
    }

    /**
     * Encodes a head.
     *
     * @param contentLength the Content-Length to send, or -1 for none
     * @param chunked whether to send Transfer-Encoding: chunked
     * @param connection one of the CONNECTION_ constants
     */
    static ByteBuffer encode(int status, Headers headers, boolean server, boolean dateHeader, long contentLength,
            boolean chunked, int connection) {
        Bytes b = new Bytes(128 + headers.size() * 32);
        b.ascii("HTTP/1.1 ").number(status).ascii(" ").ascii(reason(status)).raw(CRLF);
        if (server && !headers.contains("Server")) {
            b.raw(SERVER);
        }
        if (dateHeader && !headers.contains("Date")) {
            b.raw(dateLine());
        }
        for (int i = 0, n = headers.size(); i < n; i++) {
            b.ascii(headers.name(i)).ascii(": ").text(headers.value(i)).raw(CRLF);
        }
        if (contentLength >= 0) {
            b.ascii("Content-Length: ").number(contentLength).raw(CRLF);
        }
        if (chunked) {
            b.ascii("Transfer-Encoding: chunked\r\n");
        }
        if (connection == CONNECTION_CLOSE) {
            b.ascii("Connection: close\r\n");
        } else if (connection == CONNECTION_KEEP_ALIVE) {
            b.ascii("Connection: keep-alive\r\n");
        }
        b.raw(CRLF);
        return b.buffer();
    }

    /** A small error response the server writes itself (parse errors, 408, 503). */
    static ByteBuffer error(int status, String message, boolean server, boolean dateHeader) {
        byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
        ByteBuffer head = encode(status, Headers.of("Content-Type", "text/plain; charset=utf-8"), server, dateHeader,
                body.length, false, CONNECTION_CLOSE);
        ByteBuffer all = ByteBuffer.allocate(head.remaining() + body.length);
        all.put(head).put(body).flip();
        return all;
    }

    static String reason(int status) {
        return switch (status) {
            case 100 -> "Continue";
            case 101 -> "Switching Protocols";
            case 200 -> "OK";
            case 201 -> "Created";
            case 202 -> "Accepted";
            case 204 -> "No Content";
            case 206 -> "Partial Content";
            case 301 -> "Moved Permanently";
            case 302 -> "Found";
            case 303 -> "See Other";
            case 304 -> "Not Modified";
            case 307 -> "Temporary Redirect";
            case 308 -> "Permanent Redirect";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 409 -> "Conflict";
            case 411 -> "Length Required";
            case 413 -> "Content Too Large";
            case 414 -> "URI Too Long";
            case 415 -> "Unsupported Media Type";
            case 422 -> "Unprocessable Content";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            case 505 -> "HTTP Version Not Supported";
            default -> "Status";
        };
    }

    /** A growable byte array writer for heads. */
    private static final class Bytes {
        private byte[] a;
        private int n;

        Bytes(int capacity) {
            a = new byte[capacity];
        }

        private void room(int more) {
            if (n + more > a.length) {
                a = java.util.Arrays.copyOf(a, Math.max(a.length * 2, n + more));
            }
        }

        Bytes raw(byte[] bytes) {
            room(bytes.length);
            System.arraycopy(bytes, 0, a, n, bytes.length);
            n += bytes.length;
            return this;
        }

        Bytes ascii(String s) {
            int len = s.length();
            room(len);
            for (int i = 0; i < len; i++) {
                a[n++] = (byte) s.charAt(i);
            }
            return this;
        }

        Bytes text(String s) {
            int len = s.length();
            room(len);
            for (int i = 0; i < len; i++) {
                char c = s.charAt(i);
                a[n++] = c < 256 ? (byte) c : (byte) '?';
            }
            return this;
        }

        Bytes number(long v) {
            return ascii(Long.toString(v));
        }

        ByteBuffer buffer() {
            return ByteBuffer.wrap(a, 0, n);
        }
    }
}
