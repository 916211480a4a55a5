package io.gyre.runtime;

/** The life of a {@link Task}: it runs once and ends in exactly one of three ways. */
public enum TaskState {
    /** The task's body is running (or about to start on its virtual thread). */
    RUNNING,
    /** The body returned a value. */
    SUCCEEDED,
    /** The body threw something other than a cancellation. */
    FAILED,
    /** The body ended with {@link CancelledException} (or an interrupt) after a cancel request. */
    CANCELLED;

    /**
     * Tells whether this state is final.
     *
     * @return {@code true} for every state but {@link #RUNNING}
     */
    public boolean isDone() {
        return this != RUNNING;
    }
}
