package io.gyre.web;

import io.gyre.server.Headers;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The request as a handler, dependency or middleware sees it: Starlette's {@code Request}.
 * Declare a parameter of this type to receive it.
 *
 * <p>Thread-safety: the request may be read from any thread; attributes are thread-safe.
 */
public interface WebRequest {
    /**
     * Returns the method.
     *
     * @return the method, such as {@code GET}
     */
    String method();

    /**
     * Returns the decoded path, without the query.
     *
     * @return the path, such as {@code /items/3}
     */
    String path();

    /**
     * Returns the raw query string, without the {@code ?}.
     *
     * @return the query; empty if the target had none
     */
    String rawQuery();

    /**
     * Returns the last value of a query parameter, the one a single-valued parameter binds (as
     * Starlette's {@code request.query_params[name]}); {@link #queryAll(String)} has every value.
     *
     * @param name the parameter's name
     * @return the last value, or empty
     */
    Optional<String> query(String name);

    /**
     * Returns every value of a query parameter, in order.
     *
     * @param name the parameter's name
     * @return the values, empty if none
     */
    List<String> queryAll(String name);

    /**
     * Returns the request headers.
     *
     * @return the headers
     */
    Headers headers();

    /**
     * Returns the first value of a header, the one a single-valued {@link Header} parameter binds
     * (as Starlette's {@code request.headers[name]}); {@link Headers#all(String)} has every value.
     *
     * @param name the field name, matched ignoring case
     * @return the value, or empty
     */
    default Optional<String> header(String name) {
        return headers().first(name);
    }

    /**
     * Returns the body as a stream, read as it arrives. Blocking reads. Once the whole body was
     * read ({@link #bodyBytes()}, or a route's body, form or file parameters), the stream reads
     * it again from memory.
     *
     * @return the body stream
     */
    java.io.InputStream body();

    /**
     * Reads the whole body into memory, within the server's body size limit. Blocking. The
     * body is read once and kept for the request, as Starlette's {@code request.body()}: a
     * dependency that reads it leaves it to the route's body, form and file parameters. Treat
     * the array as read-only: the first call returns the kept bytes themselves, not a copy.
     *
     * @return the body
     * @throws java.io.UncheckedIOException if the body cannot be read
     */
    byte[] bodyBytes();

    /**
     * Returns the cookies the client sent. A name sent more than once has its last value, as in
     * Starlette.
     *
     * @return cookie names to values
     */
    Map<String, String> cookies();

    /**
     * Returns the values bound from the path template.
     *
     * @return template names to raw values; empty before routing or for an unmatched request
     */
    Map<String, String> pathParams();

    /**
     * Returns the client's address.
     *
     * @return the peer, such as {@code 127.0.0.1:51234}
     */
    String peer();

    /**
     * Returns the scheme the client used.
     *
     * @return {@code http} or {@code https}
     */
    String scheme();

    /**
     * Returns a per-request attribute set by a middleware or dependency.
     *
     * @param <T> the attribute's type
     * @param key the key
     * @param type the expected type
     * @return the value, or empty if absent or of another type
     */
    <T> Optional<T> attribute(String key, Class<T> type);

    /**
     * Sets a per-request attribute.
     *
     * @param key the key
     * @param value the value
     */
    void attribute(String key, Object value);
}
