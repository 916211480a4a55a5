package io.gyre.server.internal;

import java.io.IOException;

/** The request body could not be read; {@link #status()} is what the client should get. */
final class BodyException extends IOException {
    private static final long serialVersionUID = 1L;
    private final int status;

    BodyException(int status, String message) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }

    /** The BodyException in {@code t}'s cause chain, or null. */
    static BodyException find(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof BodyException b) {
                return b;
            }
        }
        return null;
    }
}
