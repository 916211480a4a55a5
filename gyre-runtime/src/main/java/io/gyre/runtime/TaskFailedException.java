package io.gyre.runtime;

/**
 * Thrown by {@link Task#join()} when the awaited task failed; the task's failure is the cause.
 */
public final class TaskFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param taskName the task that failed
     * @param cause its failure
     */
    public TaskFailedException(String taskName, Throwable cause) {
        super("task '" + taskName + "' failed: " + cause, cause);
    }
}
