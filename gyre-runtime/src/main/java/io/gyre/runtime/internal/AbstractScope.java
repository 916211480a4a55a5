package io.gyre.runtime.internal;

import io.gyre.runtime.ClosedException;
import io.gyre.runtime.Scope;
import io.gyre.runtime.Task;
import io.gyre.runtime.TaskBody;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What every scope shares: the live-task set, spawning, and waiting for the set to empty.
 */
public abstract sealed class AbstractScope implements Scope permits GroupScope, SupervisorScope {
    /* `live` and `spawned` are guarded by `this`; waiters wait on `this` until `live` is empty. */
    private final String name;
    final RuntimeCore core;
    private final Set<TaskImpl<?>> live = new HashSet<>();
    private long spawned;

    AbstractScope(String name, RuntimeCore core) {
        this.name = Objects.requireNonNull(name, "name");
        this.core = core;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final <T> Task<T> spawn(String taskName, TaskBody<T> body) {
        return spawnTask(Objects.requireNonNull(taskName, "name"), body);
    }

    @Override
    public final <T> Task<T> spawn(TaskBody<T> body) {
        return spawnTask(null, body);
    }

    final <T> TaskImpl<T> spawnTask(String taskName, TaskBody<T> body) {
        Objects.requireNonNull(body, "body");
        CreationSite site = CreationSite.capture(core.debug());
        TaskImpl<T> t;
        synchronized (this) {
            String refusal = refuseSpawn();
            String n = taskName != null ? taskName : name + "-" + (spawned + 1);
            if (refusal != null) {
                throw new ClosedException(refusal + "; " + Caller.describe() + " tried to spawn '" + n + "'. "
                        + spawnAdvice());
            }
            spawned++;
            t = new TaskImpl<>(n, this, core, site, body);
            live.add(t);
            core.taskStarted(t);
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
            synchronized (this) {
                live.remove(task);
                core.taskEnded(task);
                if (live.isEmpty()) {
                    notifyAll();
                }
            }
        }
    }

    @Override
    public final synchronized List<Task<?>> tasks() {
        return List.copyOf(live);
    }

    final synchronized List<TaskImpl<?>> liveTasks() {
        return new ArrayList<>(live);
    }

    final synchronized boolean isIdle() {
        return live.isEmpty();
    }

    final void cancelLive(String reason) {
        for (TaskImpl<?> t : liveTasks()) {
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
            synchronized (this) {
                while (!live.isEmpty()) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    try {
                        wait(left / 1_000_000, (int) (left % 1_000_000));
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
                return true;
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
     * returned to be rethrown once all children ended.
     */
    final io.gyre.runtime.CancelledException awaitChildren(TaskImpl<?> owner,
            io.gyre.runtime.CancelledException pending) {
        io.gyre.runtime.CancelledException cancel = pending;
        synchronized (this) {
            while (!live.isEmpty()) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    io.gyre.runtime.CancelledException ce = TaskImpl.interrupted(owner);
                    if (cancel == null) {
                        cancel = ce;
                    }
                    for (TaskImpl<?> t : new ArrayList<>(live)) {
                        t.cancel("the owner of scope '" + name + "' ('" + owner.name() + "') was cancelled: "
                                + ce.reason());
                    }
                }
            }
        }
        return cancel;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + name + "]";
    }
}
