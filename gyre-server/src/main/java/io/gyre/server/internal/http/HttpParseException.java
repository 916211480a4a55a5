package io.gyre.server.internal.http;

/**
 * A request the codec refuses, with the status to answer and a short reason for the error
 * body. After this exception the connection's framing is unknown: answer, then close.
 *
 * <p>The exception carries no stack trace: it is an expected outcome of hostile or broken
 * input, and filling the stack for every bad request would be wasted work.
 */
public final class HttpParseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    /**
     * Creates the exception.
     *
     * @param status 400, 413, 414, 431, 501 or 505
     * @param reason a short reason, safe to send to the client
     */
    public HttpParseException(int status, String reason) {
        super(reason, null, false, false);
        this.status = status;
    }

    /**
     * Returns the status code to answer with.
     *
     * @return 400, 413, 414, 431, 501 or 505
     */
    public int status() {
        return status;
    }

    /**
     * Returns the short reason, safe to send to the client.
     *
     * @return the reason
     */
    public String reason() {
        return getMessage();
    }

    @Override
    public String toString() {
        return "HttpParseException: " + status + " " + getMessage();
    }

    static HttpParseException badRequest(String reason) {
        return new HttpParseException(400, reason);
    }
}
