package io.gyre.server.internal;

import java.io.IOException;

/**
 * A listener could not be opened for a reason its message explains in full, with the option to
 * change: the startup failure shows the message as it is, without the advice added to plain
 * {@link IOException}s of a TCP bind.
 */
final class ListenException extends IOException {
    private static final long serialVersionUID = 1L;

    ListenException(String message) {
        super(message);
    }

    ListenException(String message, Throwable cause) {
        super(message, cause);
    }
}
