package io.gyre.server.internal.ws;

/** A reason to fail the WebSocket connection, with the close code to send (1002, 1007, 1009...). */
public final class WsProtocolException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int code;

    WsProtocolException(int code, String reason) {
        super(reason, null, false, false);
        this.code = code;
    }

    /**
     * Returns the close code to send.
     *
     * @return the code
     */
    public int code() {
        return code;
    }

    /**
     * Returns the close reason to send (short, ASCII).
     *
     * @return the reason
     */
    public String reason() {
        return getMessage();
    }
}
