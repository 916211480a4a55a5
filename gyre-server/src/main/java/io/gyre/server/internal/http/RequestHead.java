package io.gyre.server.internal.http;

import io.gyre.server.Headers;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed request head: request line, fields, and the framing and connection facts derived
 * from them. Immutable; the {@link Headers} view of the fields is made on first use (a request
 * whose handler never reads its headers does not pay for it), once, even when threads race.
 */
public final class RequestHead {
    /* Overview: one is made per request, so it is kept small: the target, path and query are one
     * reference (shared by every request with the same target), the version and the facts are bits
     * of one byte, and the Upgrade value is looked up again when asked for (rarely); 40 bytes with
     * compressed pointers. */
    static final int HTTP_1_0 = 1;
    static final int CHUNKED = 2;
    static final int KEEP_ALIVE = 4;
    static final int EXPECT_CONTINUE = 8;
    static final int UPGRADE_LISTS_WEBSOCKET = 16;
    /** An HTTP/1.1 request whose Connection lists upgrade and that has an Upgrade field. */
    static final int UPGRADE = 32;

    /** The fields of a head without any. */
    static final String[] NO_FIELDS = {};
    private static final VarHandle HEADERS;

    static {
        try {
            HEADERS = MethodHandles.lookup().findVarHandle(RequestHead.class, "headers", Headers.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String method;
    private final RequestTarget target;
    /** Names at even indexes, values at odd ones, exact size; never modified, shared with {@link #headers}. */
    private final String[] fields;
    private final long contentLength;
    /** {@link #HTTP_1_0} and the other bits above. */
    private final byte flags;
    /** Null until {@link #headers()} first runs; then set once (compare-and-set). */
    @SuppressWarnings("unused") // written through HEADERS
    private volatile Headers headers;

    /** Takes {@code fields} (exact size, not copied); {@code flags} are the bits above. */
    RequestHead(String method, RequestTarget target, String[] fields, long contentLength, int flags) {
        this.method = method;
        this.target = target;
        this.fields = fields;
        this.contentLength = contentLength;
        this.flags = (byte) flags;
    }

    /**
     * Returns the method.
     *
     * @return the method, e.g. {@code GET} (common methods are shared instances)
     */
    public String method() {
        return method;
    }

    /**
     * Returns the request-target.
     *
     * @return the raw request-target as sent, e.g. {@code /a%20b?x=1}
     */
    public String target() {
        return target.text();
    }

    /**
     * Returns the raw (not percent-decoded) path.
     *
     * @return for origin-form the part before {@code ?}; for absolute-form the path after the
     *     authority ({@code /} if empty); {@code *} for asterisk-form
     */
    public String path() {
        return target.path();
    }

    /**
     * Returns the raw query.
     *
     * @return the query after {@code ?}, "" when there is none
     */
    public String rawQuery() {
        return target.rawQuery();
    }

    /**
     * Returns the protocol version.
     *
     * @return the version
     */
    public HttpVersion version() {
        return (flags & HTTP_1_0) != 0 ? HttpVersion.HTTP_1_0 : HttpVersion.HTTP_1_1;
    }

    /**
     * Returns the fields.
     *
     * @return the fields in order, names as sent; the same instance on every call
     */
    public Headers headers() {
        Headers h = (Headers) HEADERS.getAcquire(this);
        if (h != null) {
            return h;
        }
        h = fields.length == 0 ? Headers.empty() : HeadersAccess.wrap(fields, fields.length / 2);
        Headers witness = (Headers) HEADERS.compareAndExchange(this, null, h);
        return witness != null ? witness : h;
    }

    /**
     * Tells whether a field is present, without making the {@link Headers} view.
     *
     * @param name the field name, matched case-insensitively
     * @return true if the head has at least one field with that name
     */
    public boolean hasField(String name) {
        for (int i = 0; i < fields.length; i += 2) {
            if (fields[i].equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns the Content-Length.
     *
     * @return the Content-Length, or -1 when absent (always -1 when chunked)
     */
    public long contentLength() {
        return contentLength;
    }

    /**
     * Tells whether the body uses chunked transfer coding.
     *
     * @return true if chunked
     */
    public boolean chunked() {
        return (flags & CHUNKED) != 0;
    }

    /**
     * Tells whether the connection may carry another request after this one.
     *
     * @return the version's default, changed by the Connection field
     */
    public boolean keepAlive() {
        return (flags & KEEP_ALIVE) != 0;
    }

    /**
     * Tells whether an HTTP/1.1 client sent {@code Expect: 100-continue}.
     *
     * @return true if the client waits for 100 Continue
     */
    public boolean expectContinue() {
        return (flags & EXPECT_CONTINUE) != 0;
    }

    /**
     * Returns the Upgrade field value when an HTTP/1.1 request's Connection lists {@code upgrade}.
     *
     * @return the first Upgrade value, or empty
     */
    public Optional<String> upgrade() {
        if ((flags & UPGRADE) != 0) {
            for (int i = 0; i < fields.length; i += 2) {
                if (fields[i].equalsIgnoreCase("Upgrade")) {
                    return Optional.of(fields[i + 1]);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Tells whether some Upgrade field lists {@code websocket}, whatever Connection says; the same
     * answer as {@code headers().containsToken("Upgrade", "websocket")}, without making the headers.
     *
     * @return true if an Upgrade field lists websocket
     */
    public boolean upgradeListsWebSocket() {
        return (flags & UPGRADE_LISTS_WEBSOCKET) != 0;
    }

    /**
     * Tells whether a body follows the head.
     *
     * @return true if chunked or with a Content-Length above zero
     */
    public boolean hasBody() {
        return (flags & CHUNKED) != 0 || contentLength > 0;
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
    public boolean equals(Object other) {
        return other instanceof RequestHead that
                && method.equals(that.method)
                && target.equals(that.target)
                && contentLength == that.contentLength
                && flags == that.flags
                && Arrays.equals(fields, that.fields);
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, target, contentLength, flags, Arrays.hashCode(fields));
    }

    @Override
    public String toString() {
        return method + " " + target.text() + " " + version().text();
    }
}
