package io.gyre.runtime;

import io.gyre.runtime.internal.OnceHeld;
import io.gyre.runtime.internal.Waiter;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A mutual-exclusion lock for tasks: asyncio's {@code Lock}, owned like Trio's.
 *
 * <p>Waiters are served in arrival order (FIFO): on release the lock is handed directly to the
 * longest waiting task, so no newcomer can barge in. A task cancelled while it waits does not get
 * the lock; one cancelled just after the lock was handed to it passes it on to the next waiter.
 * The lock is owned: only the task that acquired it may release it, and it is not reentrant
 * (acquiring it again from its holder is an error, not a deadlock). Nor is waiting for a holder
 * that ended without releasing it: {@code acquire()} then throws at once.
 *
 * {@snippet :
 * Lock lock = Lock.create("accounts");
 * try (Held _ = lock.acquire()) {
 *     transfer(from, to, amount);
 * }
 * }
 *
 * <p>Works from non-task threads too (an interrupt then surfaces as {@link CancelledException}).
 *
 * <p>Thread-safety: every method may be called from any thread.
 */
public final class Lock {
    /*
     * Overview: `mutex` (a short-held JDK lock, never held while user code runs) guards `owner`
     * and `waiters`. Invariant: owner == null implies waiters is empty, because release hands
     * the lock to the first waiter (owner = its thread) instead of freeing it. A waiter whose
     * park ends with a cancellation after the handoff passes the lock on before throwing.
     */

    /**
     * A snapshot of the lock's state.
     *
     * @param locked whether some task holds the lock
     * @param owner the holder, described as {@code task 'name'}, if locked
     * @param waiting how many tasks wait to acquire it
     */
    public record Statistics(boolean locked, Optional<String> owner, int waiting) {
    }

    private final String name;
    private final ReentrantLock mutex = new ReentrantLock();
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    /*
     * Fast path: an uncontended acquire is one CAS of `owner` from null, an uncontended release one
     * CAS back, without the mutex. `contended` is set (under the mutex) by every thread that takes
     * the slow path before it retries the CAS; a releaser that freed the lock by CAS re-reads it and,
     * if set, takes the mutex to hand the lock to a queued waiter. Both fields are volatile, so
     * either the waiter's CAS sees the lock free, or the releaser sees `contended`.
     */
    private volatile Thread owner;
    private volatile boolean contended;
    private static final java.lang.invoke.VarHandle OWNER;

    static {
        try {
            OWNER = java.lang.invoke.MethodHandles.lookup().findVarHandle(Lock.class, "owner", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Lock(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    /**
     * Creates an unlocked lock named {@code "lock"}.
     *
     * @return the lock
     */
    public static Lock create() {
        return new Lock("lock");
    }

    /**
     * Creates an unlocked lock.
     *
     * @param name the lock's name, shown in error messages
     * @return the lock
     */
    public static Lock create(String name) {
        return new Lock(name);
    }

    /**
     * Returns the lock's name.
     *
     * @return the name given at creation
     */
    public String name() {
        return name;
    }

    /**
     * Acquires the lock, waiting in line behind earlier callers. Blocking; cancellable.
     *
     * @return a handle whose {@link Held#close()} releases the lock
     * @throws CancelledException if the caller is cancelled before it gets the lock (it then does
     *     not hold it)
     * @throws IllegalStateException if the caller already holds this lock, if the holder has ended
     *     without releasing it (it can then never be released), or if the caller is a loop thread
     *     and the lock is not free (waiting would block the loop)
     */
    public Held acquire() {
        Cancellation.checkpoint();
        Thread me = Thread.currentThread();
        if (OWNER.compareAndSet(this, null, me)) {
            return new OnceHeld(this::release);
        }
        mutex.lock();
        try {
            contended = true;
            if (owner == me) {
                throw new IllegalStateException("Lock '" + name + "' is already held by " + Waiter.caller()
                        + ", which tried to acquire it again. Gyre locks are not reentrant: acquire it once around"
                        + " the whole critical section, or pass the work to code that does not lock.");
            }
            if (OWNER.compareAndSet(this, null, me)) {
                if (waiters.isEmpty()) {
                    contended = false;
                }
                return new OnceHeld(this::release);
            }
            Thread holder = owner;
            if (holder != null && !holder.isAlive()) {
                throw new IllegalStateException("Lock '" + name + "' is held by " + Waiter.describe(holder) + ", which"
                        + " ended without releasing it, so " + Waiter.caller() + " would wait forever in acquire()"
                        + " (only the holder may release a lock). Release it on every path where it is acquired:"
                        + " try (Held _ = lock.acquire()) { ... }.");
            }
            Waiter.refuseOnLoopThread(() -> "Lock '" + name + "'" + Optional.ofNullable(owner)
                    .map(o -> " (held by " + Waiter.describe(o) + ")").orElse(""), "acquire()",
                    "Use tryAcquire() there");
            Waiter w = new Waiter(mutex);
            waiters.addLast(w);
            CancelledException cancelled = w.await(Waiter.NO_DEADLINE);
            if (cancelled != null) {
                if (w.granted()) {
                    w.consumeGrant();
                    handOff(); // woken and cancelled at once: the next waiter gets the lock
                } else {
                    waiters.remove(w);
                }
                throw cancelled;
            }
            w.consumeGrant();
            return new OnceHeld(this::release);
        } finally {
            mutex.unlock();
        }
    }

    /**
     * Acquires the lock if it is free and nobody waits for it. Never blocks.
     *
     * @return {@code true} if the caller now holds the lock and must {@link #release()} it
     */
    public boolean tryAcquire() {
        // owner == null implies nobody waits (release hands the lock to the first waiter)
        return OWNER.compareAndSet(this, null, Thread.currentThread());
    }

    /**
     * Releases the lock held by the caller; the longest waiting task gets it next.
     *
     * @throws IllegalStateException if the lock is not locked, or is held by another task
     */
    public void release() {
        Thread me = Thread.currentThread();
        if (!contended && owner == me && OWNER.compareAndSet(this, me, null)) {
            if (!contended) {
                return;
            }
            mutex.lock(); // a waiter queued while we freed the lock: hand it over
            try {
                if (owner == null && !waiters.isEmpty()) {
                    handOff();
                }
            } finally {
                mutex.unlock();
            }
            return;
        }
        mutex.lock();
        try {
            if (owner == null) {
                throw new IllegalStateException("Lock '" + name + "' is not locked, yet " + Waiter.caller()
                        + " called release(). Release only what you acquired; try (Held _ = lock.acquire()) { ... }"
                        + " releases exactly once.");
            }
            if (owner != Thread.currentThread()) {
                throw new IllegalStateException("Lock '" + name + "' is held by " + Waiter.describe(owner) + ", but "
                        + Waiter.caller() + " called release(). A lock is released by the task that acquired it;"
                        + " to hand work over between tasks use an Event, a Condition or a TaskQueue.");
            }
            handOff();
        } finally {
            mutex.unlock();
        }
    }

    /**
     * Tells whether some task holds the lock.
     *
     * @return {@code true} if locked
     */
    public boolean isLocked() {
        mutex.lock();
        try {
            return owner != null;
        } finally {
            mutex.unlock();
        }
    }

    /**
     * Tells whether the calling task (or thread) holds the lock.
     *
     * @return {@code true} if the caller is the holder
     */
    public boolean isHeldByCurrentTask() {
        mutex.lock();
        try {
            return owner == Thread.currentThread();
        } finally {
            mutex.unlock();
        }
    }

    /**
     * Returns a snapshot of the lock's state.
     *
     * @return the statistics
     */
    public Statistics statistics() {
        mutex.lock();
        try {
            return new Statistics(owner != null, Optional.ofNullable(owner).map(Waiter::describe), waiters.size());
        } finally {
            mutex.unlock();
        }
    }

    /** Re-acquires for {@link Condition}: no checkpoint, and cancellation waits until it is held. */
    void acquireUninterruptibly() {
        if (OWNER.compareAndSet(this, null, Thread.currentThread())) {
            return;
        }
        mutex.lock();
        try {
            contended = true;
            if (OWNER.compareAndSet(this, null, Thread.currentThread())) {
                if (waiters.isEmpty()) {
                    contended = false;
                }
                return;
            }
            Waiter w = new Waiter(mutex);
            waiters.addLast(w);
            w.awaitUninterruptibly();
            w.consumeGrant();
        } finally {
            mutex.unlock();
        }
    }

    /** Gives the lock to the first waiter, or frees it. Mutex held. */
    private void handOff() {
        Waiter next = waiters.pollFirst();
        if (next == null) {
            contended = false;
            owner = null;
        } else {
            owner = next.thread();
            next.wake(true);
        }
    }

    @Override
    public String toString() {
        return "Lock[" + name + ", " + statistics() + "]";
    }

    /** Test hook: holding this mutex freezes the lock, so a wakeup and a cancel can be made to race. */
    ReentrantLock mutex() {
        return mutex;
    }
}
