package io.gyre.runtime;

import io.gyre.runtime.internal.CleanupFailures;
import java.util.Optional;

/**
 * Raised at a blocking point of a task that was cancelled, carrying the reason given to
 * {@link Task#cancel(String)} (or the scope that cancelled it).
 *
 * <p>Catching it is allowed, for cleanup, but a task that catches it should normally rethrow
 * it. A task that swallows cancellation and keeps running past the runner's cancel grace
 * period is reported with its stack.
 */
public class CancelledException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String reason;

    /**
     * Creates the exception.
     *
     * @param reason why the work was cancelled, for the reader of a log
     */
    public CancelledException(String reason) {
        super(reason == null ? "cancelled" : "cancelled: " + reason, null, true, false);
        this.reason = reason == null ? "" : reason;
    }

    /**
     * Returns why the work was cancelled.
     *
     * @return the reason, possibly empty
     */
    public String reason() {
        return reason;
    }

    /**
     * Returns what failed while the cancelled work unwound: a failure other than a cancellation
     * suppressed on this one, at any depth (a {@code close()} in a try-with-resources that threw
     * after the cancellation was delivered). Gyre's scopes pass such a failure on instead of
     * dropping it with the cancellation; code that catches a cancellation can do the same.
     *
     * @return the first such failure, or empty if the unwinding was clean
     */
    public Optional<Throwable> cleanupFailure() {
        return Optional.ofNullable(CleanupFailures.first(this));
    }
}
