package io.gyre.runtime.internal;

import io.gyre.runtime.ClosedException;
import io.gyre.runtime.Scope;
import io.gyre.runtime.Task;
import io.gyre.runtime.TaskBody;
import io.gyre.runtime.VoidBody;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;

/**
 * What every scope shares: the live-task set, spawning, waiting for the set to empty, and the
 * links that let a task dump find every live task.
 */
public abstract sealed class AbstractScope implements Scope permits GroupScope, SupervisorScope {
    /*
     * The live tasks, `spawned`, `cancellingAll` and `idleWaiters` are guarded by `this`. Live
     * tasks form a list linked through the tasks themselves (TaskImpl.livePrev/liveNext), in
     * spawn order: adding and removing touch no hash table and allocate nothing, which matters
     * for a server's request scope holding thousands of short tasks. Threads waiting for the
     * scope to empty register in `idleWaiters` and park; the child that empties the list unparks them outside the monitor
     * (park/unpark wakes a virtual thread directly, unlike Object.wait/notify).
     *
     * There is no runtime-wide set of live tasks: spawning and ending touch only the scope.
     * A dump walks the tree instead: the runner's scopes (root, Supervisor.open) list their live
     * tasks, and each task lists the lexical scopes its body has open (TaskGroup.run,
     * Supervisor.run), newest first, linked through `nextOpen` from TaskImpl.openScopes. A lexical
     * scope outlives none of its tasks (its owner waits for them in awaitChildren), so every live
     * task is reachable, and each exactly once. The chain has one writer, the owner's thread
     * (a lexical scope opens and closes there, innermost first), and is read by any thread
     * without a lock through the volatile links: nodes are only added at the head and a removed
     * node keeps its link, so a concurrent reader sees each open scope at most once and never
     * loses one that stays open.
     */
    private final String name;
    final RuntimeCore core;
    /** The task whose body opened this scope lexically, or null for a scope the runner owns. */
    final TaskImpl<?> owner;
    /** The next older scope open in the owner's body; see the overview. */
    private volatile AbstractScope nextOpen;
    private TaskImpl<?> liveHead;
    private TaskImpl<?> liveTail;
    private int liveCount;
    private final List<Thread> idleWaiters = new ArrayList<>(1);
    private long spawned;
    /**
     * Why every task is cancelled from now on (the owner was cancelled, or the body failed), or
     * null. Once set, a task spawned into the scope starts cancelled with this reason, as in a
     * Trio nursery whose cancel scope was cancelled: its body never runs, and the owner, which
     * waits for every task, is not kept waiting by it.
     */
    private String cancellingAll;

    /** A scope owned by the runner: the root, or one opened by Supervisor.open. */
    AbstractScope(String name, RuntimeCore core) {
        this.name = Objects.requireNonNull(name, "name");
        this.core = core;
        this.owner = null;
    }

    /**
     * A lexical scope opened on the owner's thread, listed among the owner's open scopes until
     * {@link #awaitChildren} returns.
     */
    AbstractScope(String name, TaskImpl<?> owner) {
        this.name = Objects.requireNonNull(name, "name");
        this.core = owner.core;
        this.owner = owner;
        nextOpen = owner.openScopes;
        owner.openScopes = this;
    }

    /**
     * Removes this lexical scope from its owner's open scopes, on the owner's thread. Scopes close
     * innermost first, so this one is the head of the chain.
     */
    private void leaveOwner() {
        if (owner.openScopes != this) {
            throw new IllegalStateException("scope '" + name + "' closes while a scope opened inside it is still"
                    + " open (internal error: lexical scopes close innermost first; please report)");
        }
        owner.openScopes = nextOpen;
    }

    /** Adds the lexical scopes open in {@code t}'s body to {@code out}, newest first. */
    static void addOpenScopes(TaskImpl<?> t, java.util.Collection<AbstractScope> out) {
        for (AbstractScope s = t.openScopes; s != null; s = s.nextOpen) {
            out.add(s);
        }
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final <T> Task<T> spawn(String taskName, TaskBody<T> body) {
        return spawnTask(Objects.requireNonNull(taskName, "name"), body, body.getClass());
    }

    @Override
    public final <T> Task<T> spawn(TaskBody<T> body) {
        return spawnTask(null, body, body.getClass());
    }

    @Override
    public final Task<Void> spawn(String taskName, VoidBody body) {
        Objects.requireNonNull(taskName, "name");
        return spawnTask(taskName, Bodies.of(body), body.getClass());
    }

    @Override
    public final Task<Void> spawn(VoidBody body) {
        return spawnTask(null, Bodies.of(body), body.getClass());
    }

    final <T> TaskImpl<T> spawnTask(String taskName, TaskBody<T> body) {
        return spawnTask(taskName, body, body.getClass());
    }

    final <T> TaskImpl<T> spawnTask(String taskName, TaskBody<T> body, Class<?> siteKey) {
        Objects.requireNonNull(body, "body");
        CreationSite site = CreationSite.capture(core.debug(), siteKey);
        TaskImpl<T> t;
        String cancelReason;
        synchronized (this) {
            String refusal = refuseSpawn();
            String n = taskName != null ? taskName : name + "-" + (spawned + 1);
            if (refusal != null) {
                throw new ClosedException(refusal + "; " + Caller.describe() + " tried to spawn '" + n + "'. "
                        + spawnAdvice());
            }
            spawned++;
            t = new TaskImpl<>(n, this, core, site, body);
            link(t);
            cancelReason = cancellingAll;
        }
        if (cancelReason != null) {
            t.cancel(cancelReason); // before its thread starts: the body never runs
        }
        t.start();
        return t;
    }

    /** Under the monitor: why spawning is refused now, or null if it is allowed. */
    abstract String refuseSpawn();

    /** How to spawn correctly, appended to a refusal. */
    abstract String spawnAdvice();

    /** Called on the child's thread after it ended, before it leaves the live set. */
    abstract void onChildDone(TaskImpl<?> task);

    final void childDone(TaskImpl<?> task) {
        try {
            onChildDone(task);
        } finally {
            core.taskEnded(task);
            List<Thread> wake = null;
            synchronized (this) {
                unlink(task);
                if (liveCount == 0 && !idleWaiters.isEmpty()) {
                    wake = List.copyOf(idleWaiters);
                    idleWaiters.clear();
                }
            }
            if (wake != null) {
                wake.forEach(LockSupport::unpark);
            }
        }
    }

    /** Under the monitor: appends a task to the live list. */
    private void link(TaskImpl<?> t) {
        t.livePrev = liveTail;
        t.liveNext = null;
        if (liveTail == null) {
            liveHead = t;
        } else {
            liveTail.liveNext = t;
        }
        liveTail = t;
        t.inLiveList = true;
        liveCount++;
    }

    /** Under the monitor: removes a task from the live list, if it is there. */
    private void unlink(TaskImpl<?> t) {
        if (!t.inLiveList) {
            return;
        }
        TaskImpl<?> prev = t.livePrev;
        TaskImpl<?> next = t.liveNext;
        if (prev == null) {
            liveHead = next;
        } else {
            prev.liveNext = next;
        }
        if (next == null) {
            liveTail = prev;
        } else {
            next.livePrev = prev;
        }
        t.livePrev = null;
        t.liveNext = null;
        t.inLiveList = false;
        liveCount--;
    }

    /** Under the monitor: the live tasks in spawn order. */
    private ArrayList<TaskImpl<?>> liveCopy() {
        ArrayList<TaskImpl<?>> copy = new ArrayList<>(liveCount);
        for (TaskImpl<?> t = liveHead; t != null; t = t.liveNext) {
            copy.add(t);
        }
        return copy;
    }

    /**
     * Returns true if the scope is idle; otherwise registers the caller to be unparked when it
     * becomes idle.
     */
    private synchronized boolean idleOrRegister(Thread me) {
        if (liveCount == 0) {
            return true;
        }
        if (!idleWaiters.contains(me)) {
            idleWaiters.add(me);
        }
        return false;
    }

    private synchronized void unregister(Thread me) {
        idleWaiters.remove(me);
    }

    /**
     * Parks until the scope is idle, {@code deadline} passes ({@code Long.MIN_VALUE}: no deadline),
     * or the thread is interrupted (the flag is left set for the caller to read).
     *
     * @return true if idle
     */
    final boolean parkUntilIdle(long deadline, boolean timed) {
        LoopImpl.startHeldBeforeBlocking();
        Thread me = Thread.currentThread();
        try {
            while (!idleOrRegister(me)) {
                if (timed) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    LockSupport.parkNanos(this, left);
                } else {
                    LockSupport.park(this);
                }
                if (me.isInterrupted()) {
                    return isIdle();
                }
            }
            return true;
        } finally {
            unregister(me);
        }
    }

    @Override
    public final synchronized List<Task<?>> tasks() {
        return List.copyOf(liveCopy());
    }

    final synchronized List<TaskImpl<?>> liveTasks() {
        return liveCopy();
    }

    final synchronized boolean isIdle() {
        return liveCount == 0;
    }

    /** True if the scope has no task and refuses new ones, so it will never have one again. */
    final synchronized boolean isRetired() {
        return liveCount == 0 && refuseSpawn() != null;
    }

    final void cancelLive(String reason) {
        for (TaskImpl<?> t : liveTasks()) {
            t.cancel(reason);
        }
    }

    /**
     * Cancels the live tasks and every task spawned from now on: the live set and the mark are
     * taken under one lock, so a task that a child spawns meanwhile is cancelled either way.
     */
    final void cancelAllFromNowOn(String reason) {
        List<TaskImpl<?>> live;
        synchronized (this) {
            if (cancellingAll == null) {
                cancellingAll = reason;
            }
            live = liveCopy();
        }
        for (TaskImpl<?> t : live) {
            t.cancel(reason);
        }
    }

    /**
     * Waits until no task is live or {@code deadline} passes, ignoring interrupts (they are
     * restored afterwards). Used by shutdown paths, which must not be cut short.
     */
    final boolean awaitIdleUntil(long deadline) {
        boolean interrupted = false;
        try {
            while (true) {
                if (parkUntilIdle(deadline, true)) {
                    return true;
                }
                if (Thread.interrupted()) {
                    interrupted = true;
                } else {
                    return false;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Waits for every child as the owner of a lexical scope: if the owner is cancelled while
     * waiting, the children are cancelled and the wait goes on; the owner's cancellation is
     * returned to be rethrown once all children ended. The scope then leaves the owner's open
     * scopes.
     */
    final io.gyre.runtime.CancelledException awaitChildren(io.gyre.runtime.CancelledException pending) {
        try {
            return awaitEveryChild(pending);
        } finally {
            leaveOwner();
        }
    }

    private io.gyre.runtime.CancelledException awaitEveryChild(io.gyre.runtime.CancelledException pending) {
        io.gyre.runtime.CancelledException cancel = pending;
        while (!parkUntilIdle(0, false)) {
            if (Thread.interrupted()) {
                io.gyre.runtime.CancelledException ce = TaskImpl.interrupted(owner);
                cancel = TaskImpl.outermost(cancel, ce); // none delivered may be lost
                cancelAllFromNowOn("the owner of scope '" + name + "' ('" + owner.name() + "') was cancelled: "
                        + ce.reason());
            }
        }
        return cancel;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + name + "]";
    }
}
