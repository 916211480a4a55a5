package io.gyre.server;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An HTTP request as the handler sees it: the head, the peer, and a streaming body.
 *
 * <p>Thread-safety: the head accessors may be called from any thread; the body is read by one
 * thread at a time (normally the handler's task).
 */
public interface Request {
    /**
     * Returns the method.
     *
     * @return the method, e.g. {@code GET}
     */
    String method();

    /**
     * Returns the raw request-target as sent, e.g. {@code /items?id=3}.
     *
     * @return the target
     */
    String target();

    /**
     * Returns the path of the target, still percent-encoded, e.g. {@code /items}.
     *
     * @return the path
     */
    String path();

    /**
     * Returns the raw query string without the {@code ?}.
     *
     * @return the query, or empty text when there is none
     */
    String rawQuery();

    /**
     * Returns the first value of a query parameter, percent-decoded.
     *
     * @param name the parameter's name
     * @return its first value, or empty
     */
    Optional<String> query(String name);

    /**
     * Returns every query parameter, percent-decoded, in order of first appearance.
     *
     * @return the parameters and their values
     */
    Map<String, List<String>> queryParams();

    /**
     * Returns the protocol version, {@code HTTP/1.1} or {@code HTTP/1.0}.
     *
     * @return the version
     */
    String version();

    /**
     * Returns the header fields.
     *
     * @return the headers
     */
    Headers headers();

    /**
     * Returns the first value of a header field (case-insensitive name).
     *
     * @param name the field name
     * @return its first value, or empty
     */
    default Optional<String> header(String name) {
        return headers().first(name);
    }

    /**
     * Returns the client's address: the TCP peer, or the address a trusted proxy reported in
     * {@code X-Forwarded-For} (see {@link ServerConfig#forwardedAllowIps()}).
     *
     * @return the client's address
     */
    InetSocketAddress remoteAddress();

    /**
     * Returns the scheme: {@code http}, or what a trusted proxy reported in
     * {@code X-Forwarded-Proto}.
     *
     * @return the scheme
     */
    String scheme();

    /**
     * Registers an action that runs once when the server begins a graceful shutdown, at once if
     * it began already. For responses that never end by themselves, such as event streams: the
     * action tells the handler to finish its response within the graceful timeout, instead of
     * being cancelled when it passes. Requests served outside a server never shut down.
     *
     * @param action runs on the thread that shuts the server down; it must not block or throw
     * @return removes the action if it did not run yet; call it when the response is finished
     */
    default Runnable onShutdown(Runnable action) {
        java.util.Objects.requireNonNull(action, "action");
        return () -> { };
    }

    /**
     * Returns the configured root path ({@link ServerConfig#rootPath()}).
     *
     * @return the root path, or empty text
     */
    String rootPath();

    /**
     * Returns the declared body length.
     *
     * @return the {@code Content-Length}, or empty for a chunked body or none
     */
    OptionalLong contentLength();

    /**
     * Tells whether the request carries a body (a non-zero length or a chunked body).
     *
     * @return {@code true} if there is a body to read
     */
    boolean hasBody();

    /**
     * Returns the body as a stream. The first read of a request that asked
     * {@code Expect: 100-continue} sends {@code 100 Continue}. Reading blocks until data arrives
     * (a cancellation point); the stream ends at the end of the body. A body over
     * {@link ServerConfig#maxBodyBytes()} fails the read with a {@link RequestBodyException} (413),
     * and so does the request unless the handler answers it.
     *
     * @return the body stream (the same one on every call)
     * @throws IllegalStateException if called on a loop thread (from a loop-safe handler)
     */
    InputStream body();

    /**
     * Reads the whole body into memory, within {@link ServerConfig#maxBodyBytes()}. Blocking.
     *
     * @return the body
     * @throws java.io.UncheckedIOException if the body cannot be read (client gone, bad framing,
     *     over the limit)
     * @throws IllegalStateException if called on a loop thread (from a loop-safe handler)
     */
    byte[] bodyBytes();

    /**
     * Returns the app state filled by the startup hooks.
     *
     * @return the app state
     */
    AppState state();
}
