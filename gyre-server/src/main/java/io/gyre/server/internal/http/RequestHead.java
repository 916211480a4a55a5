package io.gyre.server.internal.http;

import io.gyre.server.Headers;
import java.util.Optional;

/**
 * A parsed request head: request line, fields, and the framing and connection facts derived
 * from them.
 *
 * @param method the method, e.g. {@code GET} (common methods are shared instances)
 * @param target the raw request-target as sent, e.g. {@code /a%20b?x=1}
 * @param path the raw (not percent-decoded) path: for origin-form the part before {@code ?};
 *     for absolute-form the path after the authority ({@code /} if empty); {@code *} for
 *     asterisk-form; the authority for authority-form (CONNECT)
 * @param rawQuery the raw query after {@code ?}, "" when there is none
 * @param version the protocol version
 * @param headers the fields in order, names as sent
 * @param contentLength the Content-Length, or -1 when absent (always -1 when chunked)
 * @param chunked whether the body uses chunked transfer coding
 * @param keepAlive whether the connection may carry another request after this one (the
 *     version's default, changed by the Connection field)
 * @param expectContinue whether an HTTP/1.1 client sent {@code Expect: 100-continue}
 * @param upgrade the Upgrade field value when an HTTP/1.1 request's Connection lists {@code upgrade}
 */
public record RequestHead(
        String method,
        String target,
        String path,
        String rawQuery,
        HttpVersion version,
        Headers headers,
        long contentLength,
        boolean chunked,
        boolean keepAlive,
        boolean expectContinue,
        Optional<String> upgrade) {

    /**
     * Tells whether a body follows the head.
     *
     * @return true if chunked or with a Content-Length above zero
     */
    public boolean hasBody() {
        return chunked || contentLength > 0;
    }

    /**
     * Tells whether the method is HEAD (the response carries no body).
     *
     * @return true for HEAD
     */
    public boolean isHead() {
        return "HEAD".equals(method);
    }

    @Override
    public String toString() {
        return method + " " + target + " " + version.text();
    }
}
