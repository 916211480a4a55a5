package io.gyre.runtime;

import io.gyre.runtime.internal.Permits;

/**
 * A counting semaphore for tasks: asyncio's {@code Semaphore}.
 *
 * <p>Waiters are served in arrival order: a released permit goes straight to the longest waiting
 * task. A task cancelled while waiting takes no permit; one cancelled just after a permit was
 * handed to it passes the permit on.
 *
 * <p>{@link #release()} may be called more often than {@link #acquire()}; each extra call adds
 * a permit. Use {@link BoundedSemaphore} to catch such over-release as the bug it usually is.
 *
 * {@snippet :
 * Semaphore connections = Semaphore.create(10);
 * try (Held _ = connections.acquire()) {
 *     fetch(url);
 * }
 * }
 *
 * <p>Thread-safety: every method may be called from any thread.
 */
public final class Semaphore {
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

    private Semaphore(String kind, int permits) {
        this.permits = new Permits(kind, permits, false);
    }

    /**
     * Creates a semaphore with {@code permits} free permits.
     *
     * @param permits the initial number of permits
     * @return the semaphore
     * @throws IllegalArgumentException if {@code permits < 0}
     */
    public static Semaphore create(int permits) {
        return new Semaphore("Semaphore", permits);
    }

    /**
     * Creates a named semaphore with {@code permits} free permits.
     *
     * @param name the semaphore's name, shown in error messages and {@link #toString()}
     * @param permits the initial number of permits
     * @return the semaphore
     * @throws IllegalArgumentException if {@code permits < 0}
     */
    public static Semaphore create(String name, int permits) {
        return new Semaphore("Semaphore '" + java.util.Objects.requireNonNull(name, "name") + "'", permits);
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
