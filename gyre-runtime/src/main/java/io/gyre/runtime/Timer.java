package io.gyre.runtime;

/**
 * A callback scheduled on a {@link Loop} for a later time.
 *
 * <p>Thread-safety: {@link #cancel()} may be called from any thread.
 */
public interface Timer {
    /**
     * Cancels the callback if it has not run yet.
     *
     * @return {@code true} if this call prevented it from running
     */
    boolean cancel();

    /**
     * Returns when the callback is due, on the {@link System#nanoTime()} clock.
     *
     * @return the deadline
     */
    long deadline();
}
