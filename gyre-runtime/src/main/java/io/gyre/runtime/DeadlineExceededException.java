package io.gyre.runtime;

import java.time.Duration;

/**
 * Raised by {@link Timeout#failAfter(Duration, Timeout.Body)} when <em>that</em> scope's deadline
 * passed before its body finished. An unrelated cancellation of the task is never turned into
 * this exception.
 */
public final class DeadlineExceededException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what expired, for the reader of a log
     */
    public DeadlineExceededException(String message) {
        super(message);
    }
}
