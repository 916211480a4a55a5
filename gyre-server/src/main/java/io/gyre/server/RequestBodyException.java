package io.gyre.server;

import java.io.IOException;

/**
 * The server refused the rest of a request body while a handler read it: the body is over
 * {@link ServerConfig#maxBodyBytes()} (413), its chunked framing is invalid (400), or its bytes
 * stopped arriving for {@link ServerConfig#bodyReadTimeout()} (408). Reads of
 * {@link Request#body()} throw it ({@link Request#bodyBytes()} wraps it in an
 * {@link java.io.UncheckedIOException}). A handler may answer it with {@link #status()}; one that
 * lets it propagate gets the server's plain-text answer with that status. Either way the
 * connection closes after the response, since the rest of the body is never read.
 */
public final class RequestBodyException extends IOException {
    private static final long serialVersionUID = 1L;
    private final int status;

    /**
     * Creates the exception.
     *
     * @param status the status the client should get: 400, 408 or 413
     * @param message what was wrong with the body, starting with the status's reason phrase
     */
    public RequestBodyException(int status, String message) {
        super(message);
        this.status = status;
    }

    /**
     * Returns the status the client should get.
     *
     * @return 400, 408 or 413
     */
    public int status() {
        return status;
    }
}
