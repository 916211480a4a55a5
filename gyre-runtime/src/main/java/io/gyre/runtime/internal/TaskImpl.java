package io.gyre.runtime.internal;

import io.gyre.runtime.CancelledException;
import io.gyre.runtime.Report;
import io.gyre.runtime.Scope;
import io.gyre.runtime.Task;
import io.gyre.runtime.TaskBody;
import io.gyre.runtime.TaskFailedException;
import io.gyre.runtime.TaskState;
import io.gyre.runtime.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * A task on its own virtual thread.
 *
 * @param <T> the result type
 */
public final class TaskImpl<T> implements Task<T> {
    /*
     * Overview: the body runs on a virtual thread with CURRENT bound to this task. Cancellation
     * is interrupt-based: a cancel request (or a fired deadline / group frame) interrupts the
     * thread, and Gyre's blocking points turn the interrupt into a CancelSignal that names its
     * source. Delivery is edge-triggered, as in asyncio: once delivered, a source does not fire
     * again, so a task may catch the cancellation, clean up with blocking calls, and return.
     *
     * Locking: `this` guards the cancel stack (`top`), cancel fields, `callbacks`, and waits
     * for completion (join waits on this monitor). The interrupt is raised while holding the
     * monitor so that delivery (which clears the interrupt flag under the monitor) can never
     * leave a stale interrupt behind. No user code runs under the monitor.
     */
    static final ScopedValue<TaskImpl<?>> CURRENT = ScopedValue.newInstance();
    private static final Object TASK_SOURCE = new Object();

    private final String name;
    private final AbstractScope scope;
    final RuntimeCore core;
    private final CreationSite site;
    private final long createdAt = System.nanoTime();
    private final ContextSnapshot context;
    private TaskBody<T> body;
    private volatile Thread thread;

    private volatile TaskState state = TaskState.RUNNING;
    private T result;
    private Throwable failure;
    private List<Consumer<? super Task<T>>> callbacks;

    /* Threads waiting in join/await: a stack of JoinWaiter nodes, or ENDED once complete() ran. */
    private volatile Object joiners;
    private static final Object ENDED = new Object();
    private static final java.lang.invoke.VarHandle JOINERS;

    static {
        try {
            JOINERS = java.lang.invoke.MethodHandles.lookup().findVarHandle(TaskImpl.class, "joiners", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private record JoinWaiter(Thread thread, Object next) {
    }

    /* Links of the scope's list of live tasks; guarded by the scope's monitor (see AbstractScope). */
    TaskImpl<?> livePrev;
    TaskImpl<?> liveNext;
    boolean inLiveList;
    /* Newest lexical scope open in this task's body, linked to older ones (see AbstractScope). */
    volatile AbstractScope openScopes;

    private volatile boolean cancelRequested;
    private volatile boolean anyFired;
    private String cancelReason;
    private boolean cancelDelivered;
    private CancelFrame top;

    TaskImpl(String name, AbstractScope scope, RuntimeCore core, CreationSite site, TaskBody<T> body) {
        this.name = name;
        this.scope = scope;
        this.core = core;
        this.site = site;
        this.body = body;
        this.context = ContextSnapshot.capture();
    }

    /**
     * Returns the task running on this thread.
     *
     * @return the task, or {@code null}
     */
    public static TaskImpl<?> current() {
        return CURRENT.isBound() ? CURRENT.get() : null;
    }

    /**
     * Returns the current task or explains that {@code api} needs one.
     *
     * @param api the API that was called
     * @return the current task
     * @throws IllegalStateException outside a task
     */
    public static TaskImpl<?> requireCurrent(String api) {
        TaskImpl<?> t = current();
        if (t == null) {
            throw new IllegalStateException(api + " was called from thread '" + Thread.currentThread().getName()
                    + "', which is not a Gyre task. Run your code under Gyre.run(() -> ...) (or in a task spawned"
                    + " from it) so it has an owner to report to and a cancellation to obey.");
        }
        return t;
    }

    /**
     * Sleeps as a cancellation point.
     *
     * @param nanos how long
     */
    public static void sleep(long nanos) {
        TaskImpl<?> t = current();
        if (t != null) {
            t.checkpoint();
        }
        if (nanos <= 0) {
            return;
        }
        try {
            Thread.sleep(Duration.ofNanos(nanos));
        } catch (InterruptedException e) {
            throw interrupted(t);
        }
    }

    /** Raises a pending cancellation if the caller is a task; used after JDK waits. */
    static void checkpointIfTask() {
        TaskImpl<?> t = current();
        if (t != null) {
            t.checkpoint();
        }
    }

    /**
     * Turns an {@link InterruptedException} caught by a Gyre blocking point into the cancellation
     * it stands for.
     *
     * @param t the current task, or {@code null}
     * @return the exception to throw
     */
    public static CancelledException interrupted(TaskImpl<?> t) {
        if (t != null) {
            CancelledException e = t.deliver();
            if (e != null) {
                return e;
            }
        }
        return new CancelledException("thread interrupted outside Gyre's cancellation");
    }

    void start() {
        Thread th = Thread.ofVirtual().name(name).unstarted(this::runBody);
        thread = th;
        LoopImpl loop = LoopImpl.current();
        if (loop != null) {
            loop.startAtEndOfTurn(this); // see StartBatch
        } else {
            th.start();
        }
    }

    /** Starts a thread whose start was held (StartBatch); if it cannot start, the task ends failed. */
    void launch() {
        try {
            thread.start();
        } catch (RuntimeException | Error e) {
            complete(null, new IllegalStateException("task '" + name + "' could not start its thread: " + e, e));
        }
    }

    private void runBody() {
        T value = null;
        Throwable error = null;
        try {
            value = context.carrier(CURRENT, this).call(this::callBody);
        } catch (Throwable e) {
            error = e;
        }
        complete(value, error);
    }

    private T callBody() throws Exception {
        TaskBody<T> b = body;
        body = null;
        checkpoint(); // cancelled before it started: the body never runs
        return b.run();
    }

    private void complete(T value, Throwable error) {
        List<Consumer<? super Task<T>>> toRun;
        synchronized (this) {
            if (error == null) {
                result = value;
                state = TaskState.SUCCEEDED;
            } else if (Throwables.isCancellation(error) && (cancelRequested || error instanceof CancelledException)) {
                failure = error;
                state = TaskState.CANCELLED;
            } else {
                failure = error;
                state = TaskState.FAILED;
            }
            top = null;
            toRun = callbacks;
            callbacks = null;
        }
        // wake joiners with unpark: a virtual thread resumes directly (Object.notify would not)
        for (Object w = JOINERS.getAndSet(this, ENDED); w instanceof JoinWaiter j; w = j.next()) {
            LockSupport.unpark(j.thread());
        }
        if (Thread.currentThread() == thread) {
            Thread.interrupted(); // a late interrupt must not leak into the carrier's next task
        }
        if (toRun != null) {
            for (Consumer<? super Task<T>> c : toRun) {
                runCallback(c);
            }
        }
        scope.childDone(this);
    }

    private void runCallback(Consumer<? super Task<T>> c) {
        try {
            c.accept(this);
        } catch (Throwable t) {
            reportFailure(t, "an onDone callback");
        }
    }

    /**
     * Reports to the runner's reporter a failure of this task that nothing else will see.
     *
     * @param failure what failed
     * @param during what the task was doing, e.g. "an onDone callback"
     */
    void reportFailure(Throwable failure, String during) {
        core.report(new Report.TaskFailed(name, scope.name(), creationSite(), failure, during));
    }

    /**
     * Returns what failed in the cleanup of this task, if it ended cancelled: the first failure
     * suppressed on its cancellation, at any depth.
     *
     * @return the failure, or null if the task did not end cancelled or unwound cleanly
     */
    Throwable cleanupFailure() {
        return state() == TaskState.CANCELLED ? CleanupFailures.first(outcomeError()) : null;
    }

    // ---------------------------------------------------------------------------- cancellation

    @Override
    public boolean cancel(String reason) {
        synchronized (this) {
            if (state.isDone() || cancelRequested) {
                return false;
            }
            cancelRequested = true;
            cancelReason = reason;
            interruptIfDeliverable();
        }
        core.watchCancelled(this, reason);
        return true;
    }

    @Override
    public boolean isCancelRequested() {
        return cancelRequested;
    }

    /** Fires {@code f} (a deadline passed, a group aborted); any thread. */
    void fire(CancelFrame f, String reason) {
        synchronized (this) {
            if (!f.active || f.fired) {
                return;
            }
            f.fired = true;
            f.reason = reason;
            anyFired = true;
            interruptIfDeliverable();
        }
    }

    /**
     * Lifts a shield whose bound passed; any thread. The cancellations it held back become
     * deliverable; the shield itself cancels nothing, so work nobody cancelled goes on.
     */
    private void expire(ShieldFrame shield) {
        synchronized (this) {
            if (!shield.active || shield.expired) {
                return;
            }
            shield.expired = true;
            interruptIfDeliverable();
        }
    }

    private void interruptIfDeliverable() {
        Thread th = thread;
        if (th != null && source() != null) {
            th.interrupt(); // on our own thread too: raised at the next blocking point
        }
    }

    /** The outermost source whose cancellation may be delivered now, or null. Under the monitor. */
    private Object source() {
        Object found = null;
        for (CancelFrame f = top; f != null; f = f.below) {
            if (f.hides()) {
                return found;
            }
            if (f.fired && !f.delivered) {
                found = f;
            }
        }
        return cancelRequested && !cancelDelivered ? TASK_SOURCE : found;
    }

    /** Delivers the pending cancellation, if any, and clears the interrupt flag. */
    CancelledException deliver() {
        synchronized (this) {
            Object src = source();
            if (src == null) {
                return null;
            }
            Thread.interrupted();
            return markDelivered(src);
        }
    }

    private CancelSignal markDelivered(Object src) {
        if (src == TASK_SOURCE) {
            cancelDelivered = true;
            return new CancelSignal(cancelReason, TASK_SOURCE);
        }
        CancelFrame f = (CancelFrame) src;
        f.delivered = true;
        return new CancelSignal(f.reason, f);
    }

    /**
     * Of two cancellations delivered to the current task while it kept waiting, the one to
     * rethrow: the outer source's. The task's own cancellation outranks every frame; of two
     * frames, the one lower on the stack. Rethrowing the inner one instead would let its scope
     * take it for its own and end quietly, and the outer one, delivered already, would be lost.
     * What is suppressed on the other one (a close that failed while it unwound) moves onto the
     * one returned, so that it still reaches someone.
     *
     * @param first the cancellation delivered first, or null if none was
     * @param later one delivered after it
     * @return the one to rethrow
     */
    public static CancelledException outermost(CancelledException first, CancelledException later) {
        if (first == null) {
            return later;
        }
        CancelledException kept = outer(first, later);
        return CleanupFailures.carryFrom(kept == first ? later : first, kept);
    }

    private static CancelledException outer(CancelledException first, CancelledException later) {
        if (!(first instanceof CancelSignal a) || !(later instanceof CancelSignal b)) {
            return first;
        }
        if (a.source == TASK_SOURCE || b.source == TASK_SOURCE) {
            return a.source == TASK_SOURCE ? first : later;
        }
        TaskImpl<?> t = current();
        if (t != null) {
            synchronized (t) {
                for (CancelFrame f = t.top; f != null; f = f.below) { // innermost first
                    if (f == a.source) {
                        return later;
                    }
                    if (f == b.source) {
                        return first;
                    }
                }
            }
        }
        return first;
    }

    /** Raises a pending cancellation. */
    public void checkpoint() {
        if (!cancelRequested && !anyFired) {
            if (Thread.currentThread().isInterrupted() && thread == Thread.currentThread()) {
                Thread.interrupted();
                throw new CancelledException("thread interrupted outside Gyre's cancellation");
            }
            return;
        }
        CancelledException e = deliver();
        if (e != null) {
            throw e;
        }
    }

    void push(CancelFrame f) {
        synchronized (this) {
            boolean wasDeliverable = source() != null;
            f.below = top;
            f.active = true;
            top = f;
            if (wasDeliverable && source() == null) {
                Thread.interrupted(); // a shield went up over a pending cancel: hold the interrupt back
            }
        }
    }

    /**
     * Removes {@code f} (the top frame) as its scope exits with {@code error}. On {@link #MINE}
     * the frame's scope drops {@code error}, but not what is suppressed on it (see
     * {@link CleanupFailures}); an {@code error} turned into the cancellation it stands for hands
     * what is suppressed on it to that cancellation.
     *
     * @return {@link #MINE} if {@code error} is {@code f}'s own cancellation, else the throwable to
     *     propagate (possibly {@code error} turned into the cancellation it stands for), or null
     */
    Throwable pop(CancelFrame f, Throwable error) {
        synchronized (this) {
            if (top != f) {
                throw new IllegalStateException("internal error: cancel frames exited out of order in task '" + name
                        + "' (please report)");
            }
            Throwable out = error;
            if (error instanceof CancelSignal cs) {
                if (cs.source == f) {
                    out = MINE;
                }
            } else if (error != null && Throwables.isCancellation(error)) {
                Object src = source();
                if (src == f) {
                    f.delivered = true;
                    out = MINE;
                } else if (src != null) {
                    // what failed in a cleanup while it unwound rides on the cancellation it stands for
                    out = CleanupFailures.carryFrom(error, markDelivered(src));
                }
            }
            top = f.below;
            f.active = false;
            f.below = null;
            if (source() == null) {
                Thread.interrupted();
            } else if (thread == Thread.currentThread()) {
                Thread.currentThread().interrupt(); // deliver at the next blocking point
            }
            return out;
        }
    }

    /** Marker returned by {@link #pop}: the error was the frame's own cancellation. */
    static final Throwable MINE = new Throwable("frame's own cancellation", null, false, false) {
        private static final long serialVersionUID = 1L;
    };

    /**
     * Runs {@code work} shielded from cancellation for at most {@code bound}.
     *
     * @param <R> the result type
     * @param bound the bound
     * @param work the work
     * @return its result
     */
    public <R> R shield(Duration bound, TaskBody<R> work) {
        if (thread != Thread.currentThread()) {
            throw new IllegalStateException("internal error: shield on a foreign task (please report)");
        }
        ShieldFrame f = new ShieldFrame();
        push(f);
        Timer timer = null;
        if (bound.isNegative() || bound.isZero()) {
            expire(f);
        } else {
            try {
                timer = core.timers().callLater(bound, () -> expire(f));
            } catch (RuntimeException | Error e) {
                pop(f, null); // e.g. the timer loop is closed: leave no frame behind
                throw e;
            }
        }
        Throwable error = null;
        R value = null;
        try {
            value = work.run();
        } catch (Throwable e) {
            error = e;
        } finally {
            if (timer != null) {
                timer.cancel();
            }
        }
        Throwable out = pop(f, error);
        if (out != null && out != MINE) {
            throw Throwables.sneaky(out);
        }
        return value;
    }

    // -------------------------------------------------------------------------------- results

    @Override
    public T join() {
        waitDone(-1);
        return switch (state) {
            case SUCCEEDED -> result;
            case CANCELLED -> throw new CancelledException("task '" + name + "' was cancelled"
                    + (cancelReason == null ? "" : ": " + cancelReason));
            case FAILED -> throw new TaskFailedException(name, failure);
            case RUNNING -> throw new IllegalStateException("internal error: joined a running task (please report)");
        };
    }

    @Override
    public boolean await(Duration timeout) {
        return waitDone(Math.max(0, timeout.toNanos()));
    }

    private boolean waitDone(long nanos) {
        TaskImpl<?> caller = current();
        if (caller == this) {
            throw new IllegalStateException("task '" + name + "' tried to wait for itself, which would never end."
                    + " Wait for it from another task, or use onDone(...)");
        }
        if (caller != null) {
            caller.checkpoint();
        }
        if (state.isDone()) {
            return true;
        }
        if (nanos != 0 && caller == null && LoopImpl.current() != null) {
            throw new IllegalStateException("task '" + name + "' was waited for on loop thread '"
                    + Thread.currentThread().getName() + "', where waiting blocks the loop (and a task spawned"
                    + " during this turn of the loop starts only once the turn ends). Use onDone(...) to continue"
                    + " when it ends, or wait for it from a task.");
        }
        long deadline = System.nanoTime() + nanos;
        Thread me = Thread.currentThread();
        while (true) {
            Object head = joiners;
            if (head == ENDED) {
                return true;
            }
            if (JOINERS.compareAndSet(this, head, new JoinWaiter(me, head))) {
                break;
            }
        }
        while (!state.isDone()) {
            if (nanos < 0) {
                LockSupport.park(this);
            } else {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                LockSupport.parkNanos(this, left);
            }
            if (Thread.interrupted()) {
                throw interrupted(caller);
            }
        }
        return true;
    }

    @Override
    public synchronized T resultNow() {
        if (state != TaskState.SUCCEEDED) {
            throw new IllegalStateException("task '" + name + "' has no result: it is " + state
                    + (failure != null ? " (" + failure + ")" : "") + ". Use join() to wait for it.");
        }
        return result;
    }

    @Override
    public synchronized Optional<Throwable> failure() {
        return state == TaskState.FAILED ? Optional.of(failure) : Optional.empty();
    }

    /**
     * Returns how the task ended, for cancelled tasks too.
     *
     * @return the throwable the body ended with, or null
     */
    public synchronized Throwable outcomeError() {
        return failure;
    }

    @Override
    public void onDone(Consumer<? super Task<T>> callback) {
        synchronized (this) {
            if (!state.isDone()) {
                if (callbacks == null) {
                    callbacks = new ArrayList<>(2);
                }
                callbacks.add(callback);
                return;
            }
        }
        runCallback(callback);
    }

    // ------------------------------------------------------------------------------ accessors

    @Override
    public String name() {
        return name;
    }

    @Override
    public Scope scope() {
        return scope;
    }

    @Override
    public String creationSite() {
        return site.toString();
    }

    @Override
    public TaskState state() {
        return state;
    }

    @Override
    public List<StackTraceElement> stack() {
        Thread th = thread;
        return th == null || state.isDone() ? List.of() : List.of(th.getStackTrace());
    }

    @Override
    public Duration age() {
        return ageAt(System.nanoTime());
    }

    /** How old the task was at {@code now} (a {@link System#nanoTime()} reading): one clock reading for a whole dump. */
    Duration ageAt(long now) {
        return Duration.ofNanos(ageNanosAt(now));
    }

    /** {@link #ageAt} in nanoseconds: what a dump sorts by, without a {@code Duration} per comparison. */
    long ageNanosAt(long now) {
        return now - createdAt;
    }

    synchronized String cancelReason() {
        return cancelReason;
    }

    @Override
    public String toString() {
        return "Task[" + name + ", " + state + ", spawned at " + creationSite() + "]";
    }

    /**
     * A shield frame: hides the frames below it until its bound passes. It never fires: its bound
     * passing only stops the hiding.
     */
    private static final class ShieldFrame extends CancelFrame {
        /* Guarded by the task's monitor: set once the bound passed. */
        boolean expired;

        @Override
        boolean hides() {
            return !expired;
        }
    }
}
