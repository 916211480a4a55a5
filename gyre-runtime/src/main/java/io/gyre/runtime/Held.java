package io.gyre.runtime;

/**
 * Something acquired that {@link #close()} gives back: a held {@link Lock}, a {@link Semaphore}
 * permit. Made for try-with-resources, so the release cannot be forgotten:
 *
 * {@snippet :
 * try (Held _ = lock.acquire()) {
 *     balance += amount;
 * }
 * }
 *
 * <p>Thread-safety: close it from the task that acquired it.
 */
public interface Held extends AutoCloseable {
    /**
     * Releases what was acquired. Only the first call releases; later calls do nothing.
     *
     * @throws IllegalStateException if the primitive refuses the release (for example the lock
     *     was already released by an explicit {@code release()} call)
     */
    @Override
    void close();
}
