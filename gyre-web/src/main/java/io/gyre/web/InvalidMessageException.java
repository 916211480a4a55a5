package io.gyre.web;

import java.io.Serial;

/**
 * A WebSocket message that is not the JSON a route asked {@link JsonWebSocket#receive} for. A
 * route may catch it and go on; uncaught, it closes the session with 1007 and its message as the
 * reason.
 */
public final class InvalidMessageException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong with the message, for the client (it becomes the close reason)
     * @param cause the mapper's exception
     */
    public InvalidMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
