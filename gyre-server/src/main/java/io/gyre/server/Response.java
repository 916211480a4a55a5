package io.gyre.server;

import java.io.OutputStream;
import java.nio.file.Path;

/**
 * The response to one request: a status, header fields, and one body: bytes, a string, a
 * stream written incrementally, or a file.
 *
 * <p>The response is <em>committed</em> once its head is handed to the connection: by
 * {@code send}, {@code sendFile}, or the first flush or overflow of {@link #body()}. After that
 * the status and headers can no longer change. If the handler returns without sending anything,
 * the server sends the status with an empty body.
 *
 * <p>The server frames the body: {@code Transfer-Encoding} cannot be set, and a
 * {@code Content-Length} the handler sets must be the exact length of the body it then sends
 * (for {@code HEAD}, an empty {@code send} keeps the declared length). A body of another length
 * is refused before the head goes out when it still can be, so the handler's failure answers 500.
 *
 * <p>Thread-safety: used by one thread at a time (the handler's).
 */
public interface Response {
    /**
     * Sets the status.
     *
     * @param status the status code, 200..599 (the server sends {@code 100 Continue} itself)
     * @return this response
     * @throws IllegalStateException if the response is committed
     * @throws IllegalArgumentException if the code is outside 200..599
     */
    Response status(int status);

    /**
     * Returns the status (200 until set).
     *
     * @return the status code
     */
    int status();

    /**
     * Sets a header field, replacing any values it had.
     *
     * @param name the field name
     * @param value the value
     * @return this response
     * @throws IllegalStateException if the response is committed
     * @throws IllegalArgumentException if the name or value contains characters HTTP forbids, if
     *     the name is {@code Transfer-Encoding}, or if a {@code Content-Length} value is not digits
     */
    Response header(String name, String value);

    /**
     * Adds a header field value, keeping the values it had.
     *
     * @param name the field name
     * @param value the value
     * @return this response
     * @throws IllegalStateException if the response is committed
     * @throws IllegalArgumentException if the name or value contains characters HTTP forbids, if
     *     the name is {@code Transfer-Encoding}, or if it is a {@code Content-Length} that is not
     *     digits or that the response already has
     */
    Response addHeader(String name, String value);

    /**
     * Adds every field of {@code headers}, in their order, keeping the values the response had.
     * Built headers were checked when they were built, so this does not check them again.
     *
     * @param headers the fields to add
     * @return this response
     * @throws IllegalStateException if the response is committed
     * @throws IllegalArgumentException if they hold {@code Transfer-Encoding}, or a second
     *     {@code Content-Length}
     */
    default Response addHeaders(Headers headers) {
        headers.forEach(this::addHeader);
        return this;
    }

    /**
     * Returns the header fields set so far.
     *
     * @return a snapshot of the headers
     */
    Headers headers();

    /**
     * Sends {@code body} as the whole body, with its {@code Content-Length}. Does not block.
     *
     * @param body the body
     * @throws IllegalStateException if the response is committed, or if a {@code Content-Length}
     *     was set and {@code body} has another length
     */
    void send(byte[] body);

    /**
     * Sends {@code body} encoded as UTF-8, with {@code Content-Type: text/plain; charset=utf-8}
     * unless a content type was set. Does not block.
     *
     * @param body the body
     * @throws IllegalStateException if the response is committed, or if a {@code Content-Length}
     *     was set and the encoded body has another length
     */
    void send(String body);

    /**
     * Sends a file as the body with zero-copy transfer ({@code FileChannel.transferTo}). Does
     * not block: the connection streams the file as the client reads it.
     *
     * @param file a regular readable file
     * @throws java.io.UncheckedIOException if the file cannot be opened
     * @throws IllegalStateException if the response is committed, or if a {@code Content-Length}
     *     was set and the file has another size
     */
    void sendFile(Path file);

    /**
     * Returns the body as a stream written incrementally: chunked unless a
     * {@code Content-Length} header was set (then exactly that many bytes must be written: a
     * write past it throws {@link java.io.IOException}, and so does {@code close()} short of it;
     * before anything was sent that failure still answers 500, after it the connection is cut).
     * Writes are buffered; {@code flush()} sends what is buffered; {@code close()} ends the
     * body (the server also closes it when the handler returns). A write blocks while the
     * connection's outbound buffer is above its high watermark (a cancellation point) and
     * throws {@link java.io.IOException} once the client is gone.
     *
     * @return the body stream (the same one on every call)
     * @throws IllegalStateException if called on a loop thread (from a loop-safe handler), or if
     *     the body was already sent with {@code send}/{@code sendFile}
     */
    OutputStream body();

    /**
     * Tells whether the head has been handed to the connection.
     *
     * @return {@code true} once committed
     */
    boolean isCommitted();
}
