package io.gyre.runtime;

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
}
