package io.gyre.server.internal.http;

import io.gyre.server.Headers;
import java.nio.ByteBuffer;

/**
 * Decodes one request body from the connection's bytes: a fixed Content-Length or chunked
 * transfer coding. Used by the connection's loop thread only.
 *
 * <p>Bytes are moved from {@code in} to {@code out} as far as both allow; the decoder never
 * consumes bytes past the end of the body, so a pipelined request that follows stays in
 * {@code in}. It can be fed any split of the input, down to one byte at a time.
 */
public sealed interface BodyDecoder permits FixedLengthDecoder, ChunkedDecoder {
    /**
     * Returns the decoder for the body the head announces; for a head without a body the
     * decoder is complete at once.
     *
     * @param head the parsed head
     * @param limits limits; the chunked decoder enforces maxBodyBytes on the running total
     *     (a Content-Length over it was refused by the head parser) and bounds trailers
     * @return a new decoder
     */
    static BodyDecoder forHead(RequestHead head, HttpLimits limits) {
        if (head.chunked()) {
            return new ChunkedDecoder(limits);
        }
        return new FixedLengthDecoder(Math.max(0, head.contentLength()));
    }

    /**
     * Moves decoded body bytes from {@code in} to {@code out}, as many as are available and
     * fit, consuming framing bytes as it goes.
     *
     * @param in bytes from the connection; position advanced past what was consumed
     * @param out destination; position advanced past what was written
     * @return the number of body bytes written to {@code out}
     * @throws HttpParseException on invalid chunk framing (400), a body over the limit (413)
     *     or trailers over the limits (431); the decoder keeps throwing after that
     */
    int decode(ByteBuffer in, ByteBuffer out);

    /**
     * Consumes and drops body bytes from {@code in}, e.g. to skip a body the handler did not
     * read before the next request on the connection.
     *
     * @param in bytes from the connection; position advanced past what was consumed
     * @return the number of body bytes dropped
     * @throws HttpParseException as {@link #decode}
     */
    long discard(ByteBuffer in);

    /**
     * Tells whether the whole body (and, when chunked, its trailers) has been consumed.
     *
     * @return true once the body is complete
     */
    boolean isComplete();

    /**
     * Returns the number of body bytes produced so far (not counting framing).
     *
     * @return decoded body bytes
     */
    long bytesDecoded();

    /**
     * Returns the trailer fields of a chunked body, once complete; empty otherwise.
     *
     * @return the trailers
     */
    Headers trailers();
}
