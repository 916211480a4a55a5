package io.gyre.runtime;

import io.gyre.runtime.internal.TaskImpl;
import io.gyre.runtime.internal.Waiter;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A flag tasks can wait for: asyncio's {@code Event}.
 *
 * <p>{@link #set()} wakes every waiting task, and later {@link #await()} calls return at once
 * until {@link #clear()}. A task waiting when the event is set returns even if the event is
 * cleared again before it runs.
 *
 * <p>Thread-safety: every method may be called from any thread, also from loop callbacks
 * ({@code set} and {@code clear} never block).
 */
public final class Event {
    /*
     * Overview: `mutex` guards `set`, `generation` and `waiting`; `changed` is signalled (all)
     * when set() flips the flag, and bumps `generation` so a set-then-clear still releases every
     * task that was waiting at the time.
     */

    /**
     * A snapshot of the event's state.
     *
     * @param set whether the event is set
     * @param waiting how many tasks wait for it
     */
    public record Statistics(boolean set, int waiting) {
    }

    private final ReentrantLock mutex = new ReentrantLock();
    private final java.util.concurrent.locks.Condition changed = mutex.newCondition();
    private boolean set;
    private long generation;
    private int waiting;

    private Event() {
    }

    /**
     * Creates an event that is not set.
     *
     * @return the event
     */
    public static Event create() {
        return new Event();
    }

    /** Sets the event and wakes every waiting task. Idempotent; never blocks. */
    public void set() {
        mutex.lock();
        try {
            if (!set) {
                set = true;
                generation++;
                changed.signalAll();
            }
        } finally {
            mutex.unlock();
        }
    }

    /** Clears the event, so that later {@link #await()} calls wait. Never blocks. */
    public void clear() {
        mutex.lock();
        try {
            set = false;
        } finally {
            mutex.unlock();
        }
    }

    /**
     * Tells whether the event is set.
     *
     * @return {@code true} if set
     */
    public boolean isSet() {
        mutex.lock();
        try {
            return set;
        } finally {
            mutex.unlock();
        }
    }

    /**
     * Waits until the event is set. Blocking; cancellable.
     *
     * @throws CancelledException if the caller is cancelled while waiting
     * @throws IllegalStateException if called on a loop thread while the event is not set (waiting
     *     would block the loop)
     */
    public void await() {
        awaitUntil(Waiter.NO_DEADLINE);
    }

    /**
     * Waits at most {@code timeout} for the event to be set. Blocking; cancellable.
     *
     * @param timeout the longest wait
     * @return {@code true} if the event was set in time
     * @throws CancelledException if the caller is cancelled while waiting
     * @throws IllegalStateException if called on a loop thread while the event is not set (waiting
     *     would block the loop)
     */
    public boolean await(Duration timeout) {
        return awaitUntil(Waiter.deadlineAfter(timeout.toNanos()));
    }

    private boolean awaitUntil(long deadline) {
        Cancellation.checkpoint();
        mutex.lock();
        try {
            if (set) {
                return true;
            }
            Waiter.refuseOnLoopThread(() -> "Event", deadline == Waiter.NO_DEADLINE ? "await()" : "await(timeout)",
                    "Check isSet() there");
            long gen = generation;
            waiting++;
            try {
                while (gen == generation) {
                    if (deadline == Waiter.NO_DEADLINE) {
                        changed.await();
                    } else {
                        long left = deadline - System.nanoTime();
                        if (left <= 0) {
                            return false;
                        }
                        changed.awaitNanos(left);
                    }
                }
                return true;
            } catch (InterruptedException e) {
                throw TaskImpl.interrupted(TaskImpl.current());
            } finally {
                waiting--;
            }
        } finally {
            mutex.unlock();
        }
    }

    /**
     * Returns a snapshot of the event's state.
     *
     * @return the statistics
     */
    public Statistics statistics() {
        mutex.lock();
        try {
            return new Statistics(set, waiting);
        } finally {
            mutex.unlock();
        }
    }

    @Override
    public String toString() {
        return "Event[" + statistics() + "]";
    }
}
