package io.gyre.server.internal.http;

import java.nio.charset.StandardCharsets;

/** Reason phrases and pre-encoded HTTP/1.1 status lines. */
public final class HttpStatus {
    private static final String[] REASONS = new String[600];
    /** {@code HTTP/1.1 <code> <reason>\r\n} for every code with a known reason. */
    private static final byte[][] STATUS_LINES = new byte[600][];

    static {
        reason(100, "Continue");
        reason(101, "Switching Protocols");
        reason(200, "OK");
        reason(201, "Created");
        reason(202, "Accepted");
        reason(203, "Non-Authoritative Information");
        reason(204, "No Content");
        reason(205, "Reset Content");
        reason(206, "Partial Content");
        reason(207, "Multi-Status");
        reason(300, "Multiple Choices");
        reason(301, "Moved Permanently");
        reason(302, "Found");
        reason(303, "See Other");
        reason(304, "Not Modified");
        reason(307, "Temporary Redirect");
        reason(308, "Permanent Redirect");
        reason(400, "Bad Request");
        reason(401, "Unauthorized");
        reason(402, "Payment Required");
        reason(403, "Forbidden");
        reason(404, "Not Found");
        reason(405, "Method Not Allowed");
        reason(406, "Not Acceptable");
        reason(407, "Proxy Authentication Required");
        reason(408, "Request Timeout");
        reason(409, "Conflict");
        reason(410, "Gone");
        reason(411, "Length Required");
        reason(412, "Precondition Failed");
        reason(413, "Content Too Large");
        reason(414, "URI Too Long");
        reason(415, "Unsupported Media Type");
        reason(416, "Range Not Satisfiable");
        reason(417, "Expectation Failed");
        reason(421, "Misdirected Request");
        reason(422, "Unprocessable Content");
        reason(425, "Too Early");
        reason(426, "Upgrade Required");
        reason(428, "Precondition Required");
        reason(429, "Too Many Requests");
        reason(431, "Request Header Fields Too Large");
        reason(451, "Unavailable For Legal Reasons");
        reason(500, "Internal Server Error");
        reason(501, "Not Implemented");
        reason(502, "Bad Gateway");
        reason(503, "Service Unavailable");
        reason(504, "Gateway Timeout");
        reason(505, "HTTP Version Not Supported");
    }

    private HttpStatus() {}

    private static void reason(int code, String reason) {
        REASONS[code] = reason;
        STATUS_LINES[code] = ("HTTP/1.1 " + code + " " + reason + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Returns the reason phrase of a status code.
     *
     * @param status a code from 100 to 599
     * @return the phrase, or "" for a code without a registered phrase
     */
    public static String reason(int status) {
        String reason = status >= 0 && status < REASONS.length ? REASONS[status] : null;
        return reason == null ? "" : reason;
    }

    /**
     * Returns the shared bytes of {@code HTTP/1.1 <code> <reason>\r\n}; callers must not
     * modify them.
     *
     * @param status a code from 100 to 599
     * @return the encoded status line
     * @throws IllegalArgumentException if the code is not from 100 to 599
     */
    static byte[] statusLine(int status) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status must be from 100 to 599: " + status);
        }
        byte[] line = STATUS_LINES[status];
        return line != null ? line : ("HTTP/1.1 " + status + " \r\n").getBytes(StandardCharsets.US_ASCII);
    }
}
