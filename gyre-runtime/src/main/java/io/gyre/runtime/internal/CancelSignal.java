package io.gyre.runtime.internal;

import io.gyre.runtime.CancelledException;

/**
 * A {@link CancelledException} that remembers what caused it (a frame, or the task itself), so
 * a deadline scope converts only its own cancellation into a timeout.
 */
final class CancelSignal extends CancelledException {
    private static final long serialVersionUID = 1L;

    final transient Object source;

    CancelSignal(String reason, Object source) {
        super(reason);
        this.source = source;
    }

    /** Printed as the public type (stack traces, logs): which internal class carries it is not the reader's concern. */
    @Override
    public String toString() {
        String message = getLocalizedMessage();
        String name = CancelledException.class.getName();
        return message == null ? name : name + ": " + message;
    }
}
