package io.gyre.runtime.internal;

import io.gyre.runtime.CancelledException;
import io.gyre.runtime.TaskFailedException;
import io.gyre.runtime.TaskGroup;
import io.gyre.runtime.TaskGroupException;
import io.gyre.runtime.TaskState;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** The fail-fast task group. */
public final class GroupScope extends AbstractScope implements TaskGroup {
    /*
     * Overview: the body runs on the owner's thread under `bodyFrame`, a cancel frame the group
     * fires when it aborts or is cancelled. Children report to onChildDone on their own
     * threads; the first failure moves OPEN -> ABORTING, cancels the other children and fires
     * the body frame. The owner then waits for every child (cancelling them if the owner itself
     * is cancelled meanwhile) and throws all failures, or the owner's cancellation.
     *
     * A child that ends cancelled with failures suppressed on its cancellation (a close that
     * failed while it unwound) is kept in `cleanupFailed`: what the group throws carries its
     * cancellation as suppressed; a group that ends normally reports it to the runner's reporter.
     * The same goes for the body ended by the group's own cancellation (the body frame's): the
     * group takes that cancellation for its own, but not what failed in the body's cleanup.
     *
     * `state`, `failures`, `cleanupFailed`, `closedAt`, `why` are guarded by `this`.
     */
    private enum State { OPEN, ABORTING, CANCELLED, CLOSED }

    private final CancelFrame bodyFrame = new CancelFrame() {
    };
    private final List<Throwable> failures = new ArrayList<>(1);
    private final List<TaskImpl<?>> cleanupFailed = new ArrayList<>(0);
    private State state = State.OPEN;
    private String why;
    private LocalTime closedAt;

    private GroupScope(String name, TaskImpl<?> owner) {
        super(name, owner);
    }

    /**
     * Runs a task group; see {@link TaskGroup#run(String, TaskGroup.Body)}.
     *
     * @param <T> the result type
     * @param name the group's name
     * @param body the body
     * @return the body's result
     */
    public static <T> T run(String name, Body<T> body) {
        TaskImpl<?> owner = TaskImpl.requireCurrent("TaskGroup.run");
        GroupScope g = new GroupScope(name, owner);
        owner.push(g.bodyFrame);
        T value = null;
        Throwable error = null;
        try {
            value = body.run(g);
        } catch (Throwable e) {
            error = e;
        }
        Throwable out = owner.pop(g.bodyFrame, error);
        // the group's own cancellation ends here; what failed in the body's cleanup does not
        Throwable ownCleanup = out == TaskImpl.MINE && CleanupFailures.any(error) ? error : null;
        CancelledException cancel = null;
        if (out instanceof CancelledException ce) {
            cancel = ce;
            g.cancelAllFromNowOn("the owner of task group '" + name + "' ('" + owner.name() + "') was cancelled: "
                    + ce.reason());
        } else if (out != null && out != TaskImpl.MINE) {
            g.failed(out, "its body failed");
        }
        cancel = g.awaitChildren(cancel);
        List<Throwable> all;
        List<TaskImpl<?>> cleanups;
        synchronized (g) {
            g.dropRepeatOfChildFailure(out);
            g.state = State.CLOSED;
            g.closedAt = LocalTime.now(ZoneId.systemDefault()).truncatedTo(ChronoUnit.MILLIS);
            all = List.copyOf(g.failures);
            cleanups = List.copyOf(g.cleanupFailed);
        }
        if (!all.isEmpty()) {
            TaskGroupException e = new TaskGroupException(name, all);
            CleanupFailures.carryFrom(cancel, e); // the owner's own cleanup failures
            throw carryCleanups(ownCleanup, cleanups, e);
        }
        if (cancel != null) {
            throw carryCleanups(ownCleanup, cleanups, cancel);
        }
        if (ownCleanup != null) {
            owner.reportFailure(ownCleanup, "its cleanup after task group '" + name + "' was cancelled");
        }
        for (TaskImpl<?> t : cleanups) {
            t.reportFailure(t.outcomeError(), "its cleanup after it was cancelled");
        }
        return value;
    }

    /** Carries the body's cleanup failures, and each child's cancellation that carries some, on {@code thrown}. */
    private static <E extends Throwable> E carryCleanups(Throwable ownCleanup, List<TaskImpl<?>> cleanups, E thrown) {
        CleanupFailures.carryFrom(ownCleanup, thrown);
        for (TaskImpl<?> t : cleanups) {
            CleanupFailures.carry(t.outcomeError(), thrown);
        }
        return thrown;
    }

    /**
     * Under the monitor, once every child ended: drops the body's failure if it only repeats a
     * child's, as when the body joined a child that failed. The joiner can see the failure before
     * the child's end is recorded, so this is decided when every failure is in.
     */
    private void dropRepeatOfChildFailure(Throwable bodyFailure) {
        // one with suppressed failures (a resource's close that failed too) carries more than the repeat
        if (bodyFailure instanceof TaskFailedException joined && joined.getSuppressed().length == 0) {
            for (Throwable f : failures) {
                if (f == joined.getCause()) {
                    failures.remove(bodyFailure);
                    return;
                }
            }
        }
    }

    @Override
    void onChildDone(TaskImpl<?> task) {
        if (task.state() == TaskState.FAILED) {
            failed(task.outcomeError(), "child '" + task.name() + "' failed");
        } else if (task.cleanupFailure() != null) {
            synchronized (this) {
                cleanupFailed.add(task);
            }
        }
    }

    private void failed(Throwable failure, String what) {
        boolean first;
        synchronized (this) {
            failures.add(failure);
            first = state == State.OPEN || state == State.CANCELLED;
            if (state == State.OPEN) {
                state = State.ABORTING;
                why = what + ": " + failure;
            }
        }
        if (first) {
            String reason = "task group '" + name() + "' is aborting: " + what + ": " + failure;
            cancelLive(reason);
            owner.fire(bodyFrame, reason);
        }
    }

    @Override
    public void cancel(String reason) {
        synchronized (this) {
            if (state != State.OPEN) {
                return;
            }
            state = State.CANCELLED;
            why = reason;
        }
        cancelLive(reason);
        owner.fire(bodyFrame, reason);
    }

    @Override
    String refuseSpawn() {
        return switch (state) {
            case OPEN -> null;
            case ABORTING -> "TaskGroup '" + name() + "' is aborting (" + why + ")";
            case CANCELLED -> "TaskGroup '" + name() + "' was cancelled (" + why + ")";
            case CLOSED -> "TaskGroup '" + name() + "' is closed (it finished at " + closedAt + ")";
        };
    }

    @Override
    String spawnAdvice() {
        return "Spawn children while the group's body runs (or from its children), and keep work that must"
                + " outlive it in an enclosing group or a Supervisor.";
    }
}
