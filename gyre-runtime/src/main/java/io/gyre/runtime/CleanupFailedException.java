package io.gyre.runtime;

/**
 * Handed to a {@link Supervisor.FailureHandler} for a task that was cancelled and whose cleanup
 * then failed: a resource's close, say, threw while the task unwound, and Java suppressed that
 * failure on the cancellation. The task did end cancelled; the cancellation it ended with is the
 * cause, and what failed is suppressed on it.
 */
public final class CleanupFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param taskName the task whose cleanup failed
     * @param cancellation the cancellation the task ended with, what failed suppressed on it
     * @param failure the first failure suppressed on {@code cancellation}, quoted in the message
     */
    public CleanupFailedException(String taskName, Throwable cancellation, Throwable failure) {
        super("task '" + taskName + "' failed in its cleanup after it was cancelled (" + cancellation + "): "
                + failure, cancellation);
    }
}
