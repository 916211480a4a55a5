package io.gyre.runtime;

/**
 * Thrown by a {@link TaskQueue} that was shut down: by {@code put} at once, and by {@code take}
 * once the queue is empty (asyncio's {@code QueueShutDown}).
 */
public final class QueueShutDownException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message which queue, how it was shut down, who tried to use it
     */
    public QueueShutDownException(String message) {
        super(message);
    }
}
