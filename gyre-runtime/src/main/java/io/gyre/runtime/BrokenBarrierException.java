package io.gyre.runtime;

/**
 * Thrown by {@link Barrier#await()} when the barrier is broken: it was {@link Barrier#abort()
 * aborted}, a party was cancelled while waiting, or it was {@link Barrier#reset() reset} while
 * the caller waited.
 */
public final class BrokenBarrierException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what broke the barrier, for the reader of a log
     */
    public BrokenBarrierException(String message) {
        super(message);
    }
}
