package io.gyre.runtime.internal;

import io.gyre.runtime.CancelledException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One caller parked in a Gyre synchronisation primitive (lock, semaphore, queue, condition).
 *
 * <p>The primitive keeps its waiters in a FIFO and wakes them one by one with {@link #wake(boolean)};
 * a woken waiter may carry a <em>grant</em> (the lock, a permit, a reserved queue slot) that it
 * must either use or pass on, which is how a waiter cancelled right after being woken gives its
 * wakeup to the next one and how nothing is lost or stolen.
 */
public final class Waiter {
    /*
     * Overview: every field is guarded by the primitive's mutex (the ReentrantLock given to the
     * constructor); the waiter parks on its own Condition of that mutex, so a wakeup is targeted
     * and never a thundering herd. Parking is a JDK Condition wait: on a virtual thread it
     * unmounts, and a task's cancel (an interrupt) ends it with InterruptedException.
     */

    /** Deadline meaning "no deadline". */
    public static final long NO_DEADLINE = Long.MIN_VALUE;

    private final Condition parked;
    private final Thread thread = Thread.currentThread();
    private boolean woken;
    private boolean granted;

    /**
     * Creates a waiter for the calling thread.
     *
     * @param mutex the primitive's mutex, held by the caller
     */
    public Waiter(ReentrantLock mutex) {
        this.parked = mutex.newCondition();
    }

    /**
     * Tells whether the waiter was woken. Mutex held.
     *
     * @return {@code true} once {@link #wake(boolean)} was called
     */
    public boolean woken() {
        return woken;
    }

    /**
     * Tells whether the wakeup carried a grant that is still unused. Mutex held.
     *
     * @return {@code true} if granted
     */
    public boolean granted() {
        return granted;
    }

    /** Marks the grant as used or passed on. Mutex held. */
    public void consumeGrant() {
        granted = false;
    }

    /**
     * Returns the parked thread.
     *
     * @return the thread that created the waiter
     */
    public Thread thread() {
        return thread;
    }

    /**
     * Wakes the waiter. Mutex held.
     *
     * @param grant whether the wakeup hands something over that must be used or passed on
     */
    public void wake(boolean grant) {
        woken = true;
        granted = grant;
        parked.signal();
    }

    /**
     * Parks until woken, until {@code deadline} passes, or until the caller is cancelled. Mutex
     * held; it is released while parked and held again on return. Never on a loop thread: every
     * caller refuses those first ({@link #refuseOnLoopThread}).
     *
     * @param deadline on the {@link System#nanoTime()} clock, or {@link #NO_DEADLINE}
     * @return {@code null} if woken or timed out (see {@link #woken()}); otherwise the
     *     cancellation the caller must throw once it has cleaned up (removed itself, passed a
     *     grant on)
     */
    public CancelledException await(long deadline) {
        while (!woken) {
            try {
                if (deadline == NO_DEADLINE) {
                    parked.await();
                } else {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return null;
                    }
                    parked.awaitNanos(left);
                }
            } catch (InterruptedException e) {
                return TaskImpl.interrupted(TaskImpl.current());
            }
        }
        if (Thread.currentThread().isInterrupted()) {
            // cancelled just after the wakeup: the caller passes the wakeup on (asyncio semantics)
            return TaskImpl.interrupted(TaskImpl.current());
        }
        return null;
    }

    /**
     * Parks until woken, ignoring cancellation; an interrupt that arrives meanwhile is kept for
     * the next blocking point. Mutex held.
     */
    public void awaitUninterruptibly() {
        boolean interrupted = false;
        while (!woken) {
            try {
                parked.await();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Refuses to wait on a loop thread: parking there would stall every connection and callback of
     * that loop until someone else acts. Called just before a primitive would park, so calls that
     * do not need to wait still work on a loop thread.
     *
     * @param primitive the primitive, as the message names it (e.g. {@code "Lock 'accounts'"}); built
     *     only when refusing, since every wait passes here
     * @param call the blocking call, e.g. {@code "acquire()"}
     * @param instead what to do on a loop thread instead
     * @throws IllegalStateException on a loop thread
     */
    public static void refuseOnLoopThread(java.util.function.Supplier<String> primitive, String call, String instead) {
        if (LoopImpl.current() != null) {
            throw new IllegalStateException(primitive.get() + ": " + call + " was called on loop thread '"
                    + Thread.currentThread().getName() + "' and would have to wait, which blocks the loop (every"
                    + " connection and callback on it stalls). " + instead + ", or wait from a task (Scope.spawn).");
        }
    }

    /**
     * Computes a deadline {@code nanos} from now, saturating; negative delays are due at once.
     *
     * @param nanos the delay
     * @return the deadline on the {@link System#nanoTime()} clock, never {@link #NO_DEADLINE}
     */
    public static long deadlineAfter(long nanos) {
        long d = System.nanoTime() + Math.min(Math.max(0, nanos), Long.MAX_VALUE / 2);
        return d == NO_DEADLINE ? d + 1 : d;
    }

    /**
     * Describes the caller for error messages: the current task, or the thread.
     *
     * @return a short description
     */
    public static String caller() {
        return Caller.describe();
    }

    /**
     * Describes {@code thread} for error messages.
     *
     * @param thread a thread that holds something
     * @return {@code "task 'x'"} for a task's thread (tasks run on threads named after them), else
     *     {@code "thread 'x'"}
     */
    public static String describe(Thread thread) {
        return (thread.isVirtual() ? "task '" : "thread '") + thread.getName() + "'";
    }
}
