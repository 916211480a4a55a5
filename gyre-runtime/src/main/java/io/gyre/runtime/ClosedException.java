package io.gyre.runtime;

/**
 * Thrown when something is used after it was closed: a loop, a scope, a resource. The message
 * names the closed object, when and by whom it was closed, who tried to use it, and the fix.
 */
public final class ClosedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the full, teaching message
     */
    public ClosedException(String message) {
        super(message);
    }
}
