package io.gyre.runtime;

import io.gyre.runtime.internal.Permits;

/**
 * A semaphore that refuses to be released more often than acquired: asyncio's
 * {@code BoundedSemaphore}.
 *
 * <p>Waiters are served in arrival order: a released permit goes straight to the longest waiting
 * task. A task cancelled while waiting takes no permit; one cancelled just after a permit was
 * handed to it passes the permit on.
 *
 * <p>Releasing when all of its initial permits are already free throws, naming the caller: the
 * usual cause is a release on a path that did not acquire.
 *
 * {@snippet :
 * BoundedSemaphore connections = BoundedSemaphore.create(10);
 * try (Held _ = connections.acquire()) {
 *     fetch(url);
 * }
 * }
 *
 * <p>Thread-safety: every method may be called from any thread.
 */
public final class BoundedSemaphore {
    /* All state lives in `permits`, which guards it with its own mutex. */

    /**
     * A snapshot of the semaphore's state.
     *
     * @param available how many permits are free
     * @param waiting how many tasks wait for one
     */
    public record Statistics(int available, int waiting) {
    }

    private final Permits permits;

    private BoundedSemaphore(String kind, int permits) {
        this.permits = new Permits(kind, permits, true);
    }

    /**
     * Creates a semaphore with {@code permits} free permits.
     *
     * @param permits the initial number of permits
     * @return the semaphore
     * @throws IllegalArgumentException if {@code permits < 0}
     */
    public static BoundedSemaphore create(int permits) {
        return new BoundedSemaphore("BoundedSemaphore", permits);
    }

    /**
     * Creates a named semaphore with {@code permits} free permits.
     *
     * @param name the semaphore's name, shown in error messages and {@link #toString()}
     * @param permits the initial number of permits
     * @return the semaphore
     * @throws IllegalArgumentException if {@code permits < 0}
     */
    public static BoundedSemaphore create(String name, int permits) {
        return new BoundedSemaphore("BoundedSemaphore '" + java.util.Objects.requireNonNull(name, "name") + "'", permits);
    }

    /**
     * Takes a permit, waiting in line until one is free. Blocking; cancellable.
     *
     * @return a handle whose {@link Held#close()} releases the permit once
     * @throws CancelledException if the caller is cancelled while waiting (it then holds no permit)
     * @throws IllegalStateException if called on a loop thread while no permit is free (waiting
     *     would block the loop)
     */
    public Held acquire() {
        return permits.acquire();
    }

    /**
     * Takes a permit if one is free. Never blocks.
     *
     * @return {@code true} if the caller took a permit and must {@link #release()} it
     */
    public boolean tryAcquire() {
        return permits.tryAcquire();
    }

    /**
     * Gives a permit back; the longest waiting task gets it.
     * @throws IllegalStateException if every permit is already free (over-release)
     */
    public void release() {
        permits.release();
    }

    /**
     * Returns how many permits are free.
     *
     * @return the free permits
     */
    public int available() {
        return permits.available();
    }

    /**
     * Returns a snapshot of the semaphore's state.
     *
     * @return the statistics
     */
    public Statistics statistics() {
        int[] s = permits.snapshot();
        return new Statistics(s[0], s[1]);
    }

    @Override
    public String toString() {
        return permits.kind() + "[" + statistics() + "]";
    }

    /** Test hook: the permit counter, whose mutex freezes the semaphore. */
    Permits permits() {
        return permits;
    }
}
