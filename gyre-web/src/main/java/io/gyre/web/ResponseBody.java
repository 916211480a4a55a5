package io.gyre.web;

import io.gyre.web.internal.Bodies;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The body of a {@link WebResponse}: bytes of known length, or a stream written when the
 * response is sent. Middleware may wrap a body (GZip does).
 */
public interface ResponseBody {
    /**
     * Returns the body's length in bytes.
     *
     * @return the length, or -1 if unknown until written (then it is sent chunked)
     */
    long length();

    /**
     * Writes the body. Called once, on the request's task, after the head was decided.
     *
     * @param out where to write; {@code flush()} sends what was written so far
     * @throws IOException if writing fails, for example because the client left
     */
    void writeTo(OutputStream out) throws IOException;

    /**
     * Returns an empty body.
     *
     * @return the empty body
     */
    static ResponseBody empty() {
        return Bodies.EMPTY;
    }

    /**
     * Returns a body of these bytes.
     *
     * @param bytes the bytes, not copied
     * @return the body
     */
    static ResponseBody of(byte[] bytes) {
        return new Bodies.BytesBody(bytes);
    }

    /**
     * Returns a streamed body of unknown length, sent chunked.
     *
     * @param writer writes the body; it may block (it runs on the request's task)
     * @return the body
     */
    static ResponseBody stream(Writer writer) {
        return new Bodies.StreamBody(writer);
    }

    /** Writes a streamed body. */
    @FunctionalInterface
    interface Writer {
        /**
         * Writes the body, flushing whenever the client should see what was written.
         *
         * @param out the body stream
         * @throws Exception any failure; an {@link IOException} usually means the client left
         */
        void write(OutputStream out) throws Exception;
    }
}
