package io.gyre.runtime;

import io.gyre.runtime.internal.Waiter;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * A condition variable for tasks, bound to a {@link Lock}: asyncio's {@code Condition}.
 *
 * <p>A task that holds the lock calls {@link #await()} to release it and wait for a
 * {@link #signal()}; on return it holds the lock again. The lock is re-acquired <em>even when the
 * wait is cancelled</em>, so the caller's {@code try}-with-resources releases a lock it really
 * holds. A cancellation that arrives while the waiter takes the lock back is thrown once it holds
 * it (as in asyncio), not kept for a later blocking point. A waiter cancelled after being
 * signalled, also while taking the lock back, passes the signal on to the next waiter.
 * Waiting or signalling without holding the lock is an error.
 *
 * {@snippet :
 * Condition ready = Condition.create();
 * try (Held _ = ready.acquire()) {
 *     ready.awaitUntil(() -> !jobs.isEmpty());
 *     job = jobs.removeFirst();
 * }
 * }
 *
 * <p>Thread-safety: every method may be called from any thread; {@code await} and
 * {@code signal} only by the holder of the lock.
 */
public final class Condition {
    /*
     * Overview: `mutex` guards `waiters` (FIFO) and each Waiter's flags; it is never held while
     * the Lock is acquired or released, so the two never nest. A waiter enqueues itself before
     * releasing the Lock, so a signal sent in between is not lost (it sets the waiter's flag).
     */

    /**
     * A snapshot of the condition's state.
     *
     * @param waiting how many tasks wait to be signalled
     * @param locked whether the condition's lock is held
     */
    public record Statistics(int waiting, boolean locked) {
    }

    private final Lock lock;
    private final ReentrantLock mutex = new ReentrantLock();
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();

    private Condition(Lock lock) {
        this.lock = Objects.requireNonNull(lock, "lock");
    }

    /**
     * Creates a condition with a new lock of its own.
     *
     * @return the condition
     */
    public static Condition create() {
        return new Condition(Lock.create("condition"));
    }

    /**
     * Creates a condition bound to {@code lock}, which several conditions may share.
     *
     * @param lock the lock that guards the state the condition is about
     * @return the condition
     */
    public static Condition create(Lock lock) {
        return new Condition(lock);
    }

    /**
     * Returns the lock this condition is bound to.
     *
     * @return the lock
     */
    public Lock lock() {
        return lock;
    }

    /**
     * Acquires the condition's lock; same as {@code lock().acquire()}. Blocking; cancellable.
     *
     * @return a handle whose {@link Held#close()} releases the lock
     * @throws CancelledException if the caller is cancelled while waiting for the lock
     */
    public Held acquire() {
        return lock.acquire();
    }

    /**
     * Releases the lock, waits until signalled, then re-acquires the lock. Blocking; cancellable.
     *
     * @throws CancelledException if the caller is cancelled while waiting, also while it takes the
     *     lock back after a signal; the lock is held again when it is thrown, and a signal it was
     *     given goes to the next waiter
     * @throws IllegalStateException if the caller does not hold the lock, or is a loop thread
     *     (waiting would block the loop)
     */
    public void await() {
        awaitUntilDeadline(Waiter.NO_DEADLINE, "await()");
    }

    /**
     * Like {@link #await()}, giving up after {@code timeout}. Blocking; cancellable.
     *
     * @param timeout the longest wait
     * @return {@code true} if signalled, {@code false} if the timeout passed first; the lock is
     *     held again either way
     * @throws CancelledException if the caller is cancelled while waiting (the lock is held again)
     * @throws IllegalStateException if the caller does not hold the lock, or is a loop thread
     */
    public boolean await(Duration timeout) {
        return awaitUntilDeadline(Waiter.deadlineAfter(timeout.toNanos()), "await(timeout)");
    }

    /**
     * Waits until {@code predicate} holds, checking it with the lock held before each wait and
     * after each signal. Blocking; cancellable.
     *
     * @param predicate the state to wait for; evaluated with the lock held
     * @throws CancelledException if the caller is cancelled while waiting (the lock is held again)
     * @throws IllegalStateException if the caller does not hold the lock
     */
    public void awaitUntil(BooleanSupplier predicate) {
        while (!predicate.getAsBoolean()) {
            await();
        }
    }

    private boolean awaitUntilDeadline(long deadline, String call) {
        requireHeld(call);
        Cancellation.checkpoint();
        Waiter.refuseOnLoopThread(() -> "Condition on lock '" + lock.name() + "'", call,
                "Signal from the loop and wait in a task instead");
        Waiter w;
        mutex.lock();
        try {
            w = new Waiter(mutex);
            waiters.addLast(w);
        } finally {
            mutex.unlock();
        }
        lock.release();
        CancelledException cancelled;
        boolean signalled;
        mutex.lock();
        try {
            cancelled = w.await(deadline);
            signalled = w.woken();
            if (!signalled) {
                waiters.remove(w);
            } else if (cancelled != null) {
                wake(1); // signalled and cancelled at once: the signal goes to the next waiter
            }
        } finally {
            mutex.unlock();
        }
        lock.acquireUninterruptibly();
        if (cancelled == null) {
            cancelled = cancelledWhileRelocking(signalled);
        }
        if (cancelled != null) {
            throw cancelled;
        }
        return signalled;
    }

    /**
     * A cancellation that arrived while the caller queued for the lock again (it was kept back
     * then, so that the lock is held when it is thrown, as asyncio's {@code wait()} does). A
     * signal the caller consumed goes to the next waiter, since the caller will not act on it.
     */
    private CancelledException cancelledWhileRelocking(boolean signalled) {
        try {
            Cancellation.checkpoint();
            return null;
        } catch (CancelledException e) {
            if (signalled) {
                mutex.lock();
                try {
                    wake(1);
                } finally {
                    mutex.unlock();
                }
            }
            return e;
        }
    }

    /**
     * Wakes the longest waiting task, if any.
     *
     * @throws IllegalStateException if the caller does not hold the lock
     */
    public void signal() {
        signal(1);
    }

    /**
     * Wakes up to {@code n} waiting tasks, longest waiting first.
     *
     * @param n how many to wake
     * @throws IllegalStateException if the caller does not hold the lock
     * @throws IllegalArgumentException if {@code n < 0}
     */
    public void signal(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n < 0: " + n);
        }
        requireHeld("signal()");
        mutex.lock();
        try {
            wake(n);
        } finally {
            mutex.unlock();
        }
    }

    /**
     * Wakes every waiting task.
     *
     * @throws IllegalStateException if the caller does not hold the lock
     */
    public void signalAll() {
        signal(Integer.MAX_VALUE);
    }

    /**
     * Returns a snapshot of the condition's state.
     *
     * @return the statistics
     */
    public Statistics statistics() {
        mutex.lock();
        try {
            return new Statistics(waiters.size(), lock.isLocked());
        } finally {
            mutex.unlock();
        }
    }

    /* Mutex held. */
    private void wake(int n) {
        for (int i = 0; i < n && !waiters.isEmpty(); i++) {
            waiters.pollFirst().wake(false);
        }
    }

    private void requireHeld(String what) {
        if (!lock.isHeldByCurrentTask()) {
            throw new IllegalStateException("Condition on lock '" + lock.name() + "': " + Waiter.caller() + " called "
                    + what + " without holding the lock (" + lock.statistics().owner().map(o -> "it is held by " + o)
                    .orElse("it is not locked") + "). Acquire it first: try (Held _ = condition.acquire()) { ... }");
        }
    }

    /** Test hook: holding this mutex freezes the condition, so a wakeup and a cancel can be made to race. */
    ReentrantLock mutex() {
        return mutex;
    }
}
