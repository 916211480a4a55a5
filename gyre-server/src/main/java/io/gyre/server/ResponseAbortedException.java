package io.gyre.server;

/**
 * Thrown by a handler to end a response that already started without completing it, once the
 * handler has reported why itself (a framework that logs its app's failures). The server cuts the
 * connection, so the client sees the body cut short, as for any failure after the response
 * started, but logs it at DEBUG only, so that one failure is one record. Thrown before the
 * response started, it is answered with a 500 like any other failure.
 */
public final class ResponseAbortedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed, naming the request
     * @param cause the failure the handler reported
     */
    public ResponseAbortedException(String message, Throwable cause) {
        super(message, cause);
    }
}
