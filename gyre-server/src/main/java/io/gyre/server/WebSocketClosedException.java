package io.gyre.server;

/**
 * Thrown by {@link WebSocketSession} operations once the session is closed: by the peer's close
 * frame, by the server (a protocol violation, a failed keepalive, shutdown), or because the
 * connection dropped without a close frame ({@link CloseCodes#ABNORMAL}).
 */
public final class WebSocketClosedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int code;
    private final String reason;

    /**
     * Creates the exception.
     *
     * @param code the close code (see {@link CloseCodes})
     * @param reason the close reason, possibly empty
     */
    public WebSocketClosedException(int code, String reason) {
        super("the WebSocket session is closed: " + code + (reason.isEmpty() ? "" : " " + reason));
        this.code = code;
        this.reason = reason;
    }

    /**
     * Returns the close code: the peer's, the one the server sent, or 1006 for a dropped
     * connection.
     *
     * @return the close code
     */
    public int code() {
        return code;
    }

    /**
     * Returns the close reason.
     *
     * @return the reason, possibly empty
     */
    public String reason() {
        return reason;
    }
}
