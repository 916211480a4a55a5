package io.gyre.runtime.internal;

import io.gyre.runtime.Cancellation;
import io.gyre.runtime.CancelledException;
import io.gyre.runtime.Held;
import java.util.ArrayDeque;
import java.util.concurrent.locks.ReentrantLock;

/** The permit counter behind Semaphore and BoundedSemaphore: FIFO, with direct handoff. */
public final class Permits {
    /*
     * Overview: `mutex` guards `available` and `waiters`. Invariant: waiters non-empty implies
     * available == 0, because release() hands its permit straight to the first waiter instead of
     * counting it. A waiter cancelled after the handoff releases the permit again (passing it on).
     */
    private final String kind;
    private final int bound;
    private final ReentrantLock mutex = new ReentrantLock();
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    /*
     * `available` is changed by CAS: uncontended acquire and release never take the mutex. Queued
     * waiters imply no free permit (release hands a permit straight to the first waiter). Every
     * thread that queues sets `contended` under the mutex before retrying the CAS; a releaser that
     * added a permit by CAS re-reads `contended` and, if set, takes the mutex to pass the permit on.
     */
    private volatile int available;
    private volatile boolean contended;
    private static final java.lang.invoke.VarHandle AVAILABLE;

    static {
        try {
            AVAILABLE = java.lang.invoke.MethodHandles.lookup().findVarHandle(Permits.class, "available", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private boolean tryTake() {
        for (int a = available; a > 0; a = available) {
            if (AVAILABLE.compareAndSet(this, a, a - 1)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Creates the counter.
     *
     * @param kind the public type's name and the semaphore's name if it has one, for messages
     * @param permits the initial number of permits
     * @param bounded whether releasing beyond {@code permits} is an error
     */
    public Permits(String kind, int permits, boolean bounded) {
        if (permits < 0) {
            throw new IllegalArgumentException("permits < 0: " + permits);
        }
        this.kind = kind;
        this.available = permits;
        this.bound = bounded ? permits : -1;
    }

    /**
     * Takes a permit, waiting in line. Blocking; cancellable.
     *
     * @return a handle that releases the permit once
     */
    public Held acquire() {
        Cancellation.checkpoint();
        if (tryTake()) {
            return new OnceHeld(this::release);
        }
        mutex.lock();
        try {
            contended = true;
            if (tryTake()) {
                if (waiters.isEmpty()) {
                    contended = false;
                }
                return new OnceHeld(this::release);
            }
            Waiter.refuseOnLoopThread(() -> kind + " (no free permit)", "acquire()", "Use tryAcquire() there");
            Waiter w = new Waiter(mutex);
            waiters.addLast(w);
            CancelledException cancelled = w.await(Waiter.NO_DEADLINE);
            if (cancelled != null) {
                if (w.granted()) {
                    w.consumeGrant();
                    releaseLocked(); // woken and cancelled at once: the permit goes to the next waiter
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
     * Takes a permit if one is free. Never blocks.
     *
     * @return {@code true} if taken
     */
    public boolean tryAcquire() {
        return tryTake();
    }

    public void release() {
        if (!contended) {
            int a = available;
            if ((bound < 0 || a < bound) && a < Integer.MAX_VALUE && AVAILABLE.compareAndSet(this, a, a + 1)) {
                if (contended) {
                    passOn();
                }
                return;
            }
        }
        mutex.lock();
        try {
            releaseLocked();
        } finally {
            mutex.unlock();
        }
    }

    /** A waiter queued while a permit was added by CAS: move that permit to it. */
    private void passOn() {
        mutex.lock();
        try {
            if (!waiters.isEmpty() && tryTake()) {
                waiters.pollFirst().wake(true);
                if (waiters.isEmpty()) {
                    contended = false;
                }
            }
        } finally {
            mutex.unlock();
        }
    }

    private void releaseLocked() {
        Waiter next = waiters.pollFirst();
        if (next != null) {
            next.wake(true);
            return;
        }
        contended = false;
        if (bound >= 0 && available >= bound) {
            throw new IllegalStateException(kind + " with " + bound + " permits was released more times than it was"
                    + " acquired: all " + bound + " permits are already free when " + caller() + " called release()."
                    + " Release only permits you acquired; try (Held _ = semaphore.acquire()) { ... } releases"
                    + " exactly once.");
        }
        if (available == Integer.MAX_VALUE) {
            throw new IllegalStateException(kind + " permit count would overflow on release() by " + caller());
        }
        AVAILABLE.getAndAdd(this, 1);
    }

    /**
     * Returns how messages name the semaphore, e.g. {@code BoundedSemaphore 'db'}.
     *
     * @return the name for messages
     */
    public String kind() {
        return kind;
    }

    private static String caller() {
        return Waiter.caller();
    }

    /**
     * Returns the number of free permits.
     *
     * @return the free permits
     */
    public int available() {
        mutex.lock();
        try {
            return available;
        } finally {
            mutex.unlock();
        }
    }

    /**
     * Returns the number of waiting tasks.
     *
     * @return the waiters
     */
    public int waiting() {
        mutex.lock();
        try {
            return waiters.size();
        } finally {
            mutex.unlock();
        }
    }

    /**
     * Reads both counters at once.
     *
     * @return {available, waiting}
     */
    public int[] snapshot() {
        mutex.lock();
        try {
            return new int[] {available, waiters.size()};
        } finally {
            mutex.unlock();
        }
    }

    /**
     * Test hook: holding this mutex freezes the semaphore, so a wakeup and a cancel can be made to race.
     *
     * @return the mutex
     */
    public ReentrantLock mutex() {
        return mutex;
    }
}
