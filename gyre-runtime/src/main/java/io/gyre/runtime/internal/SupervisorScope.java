package io.gyre.runtime.internal;

import io.gyre.runtime.CancelledException;
import io.gyre.runtime.CleanupFailedException;
import io.gyre.runtime.Report;
import io.gyre.runtime.Supervisor;
import io.gyre.runtime.TaskState;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/** The supervising scope: child failures go to a handler; siblings keep running. */
public final class SupervisorScope extends AbstractScope implements Supervisor {
    /* `state`, `closedBy`, `closedAt` are guarded by `this`. */
    private enum State { OPEN, CLOSING, CLOSED }

    private final FailureHandler handler;
    private State state = State.OPEN;
    private String closedBy;
    private LocalTime closedAt;

    SupervisorScope(String name, RuntimeCore core, FailureHandler handler) {
        super(name, core);
        this.handler = java.util.Objects.requireNonNull(handler, "handler");
    }

    private SupervisorScope(String name, TaskImpl<?> owner, FailureHandler handler) {
        java.util.Objects.requireNonNull(handler, "handler");
        super(name, owner);
        this.handler = handler;
    }

    /**
     * Runs a lexical supervisor; see {@link Supervisor#run}.
     *
     * @param <T> the result type
     * @param name the scope's name
     * @param handler receives child failures
     * @param body the body
     * @return the body's result
     */
    public static <T> T runLexical(String name, FailureHandler handler, Body<T> body) {
        TaskImpl<?> owner = TaskImpl.requireCurrent("Supervisor.run");
        SupervisorScope s = new SupervisorScope(name, owner, handler);
        T value = null;
        Throwable error = null;
        try {
            value = body.run(s);
        } catch (Throwable e) {
            error = e;
            s.cancelAllFromNowOn("the body of supervisor '" + name + "' ended with " + e);
        }
        CancelledException cancel = s.awaitChildren(null);
        s.markClosed("its body returned");
        if (error != null) {
            throw Throwables.sneaky(error);
        }
        if (cancel != null) {
            throw cancel;
        }
        return value;
    }

    /**
     * Opens a supervisor owned by the current runner; see {@link Supervisor#open}.
     *
     * @param name the scope's name
     * @param handler receives child failures
     * @return the open supervisor
     */
    public static Supervisor open(String name, FailureHandler handler) {
        RuntimeCore core = RuntimeCore.current();
        if (core == null) {
            throw new IllegalStateException("Supervisor.open('" + name + "') was called from thread '"
                    + Thread.currentThread().getName() + "', outside any Gyre runner. Open it inside"
                    + " Gyre.run(() -> ...) so the runner can close it at shutdown.");
        }
        SupervisorScope s = new SupervisorScope(name, core, handler);
        core.adopt(s);
        return s;
    }

    static SupervisorScope root(RuntimeCore core) {
        return new SupervisorScope("root", core, (task, failure) -> {
            // the main task's outcome is the runner's result; everything else is reported
            if (!core.isMain(task)) {
                core.report(new Report.TaskFailed(task.name(), "root", task.creationSite(), failure, core.phase()));
            }
        });
    }

    /**
     * Hands a failed child's failure to the handler, and so a cancelled child's whose cleanup failed
     * (a close suppressed on its cancellation): cancelled children are not failures, their cleanup's
     * failures are.
     */
    @Override
    void onChildDone(TaskImpl<?> task) {
        Throwable failure;
        Throwable cleanup = task.cleanupFailure();
        if (task.state() == TaskState.FAILED) {
            failure = task.outcomeError();
        } else if (cleanup != null) {
            failure = new CleanupFailedException(task.name(), task.outcomeError(), cleanup);
        } else {
            return;
        }
        try {
            handler.failed(task, failure);
        } catch (Throwable t) {
            CleanupFailures.carry(failure, t); // a handler that rethrows the failure must not lose it
            task.reportFailure(t, "the failure handler of supervisor '" + name() + "'");
        }
    }

    @Override
    public void cancelAll(String reason) {
        cancelLive(reason);
    }

    @Override
    public boolean awaitIdle(Duration timeout) {
        TaskImpl<?> caller = TaskImpl.current();
        if (caller != null) {
            caller.checkpoint();
        }
        long deadline = System.nanoTime() + Math.max(0, timeout.toNanos());
        if (parkUntilIdle(deadline, true)) {
            return true;
        }
        if (Thread.interrupted()) {
            throw TaskImpl.interrupted(caller);
        }
        return false;
    }

    @Override
    public void close() {
        close(core.config().shutdownGrace());
    }

    @Override
    public boolean close(Duration grace) {
        return shutdown("supervisor '" + name() + "' was closed", System.nanoTime() + grace.toNanos(),
                "after supervisor '" + name() + "' was closed with a grace of " + grace.toMillis() + " ms");
    }

    /** Refuses spawns and cancels the live tasks; the first step of closing. */
    void beginClose(String reason) {
        synchronized (this) {
            if (state == State.OPEN) {
                state = State.CLOSING;
                closedBy = reason;
            }
        }
        cancelLive(reason);
    }

    boolean shutdown(String reason, long deadline, String situation) {
        beginClose(reason);
        boolean ok = awaitIdleUntil(deadline);
        if (!ok) {
            for (TaskImpl<?> t : liveTasks()) {
                core.reportStraggler(t, situation);
            }
        }
        markClosed(reason);
        core.release(this);
        return ok;
    }

    private synchronized void markClosed(String by) {
        state = State.CLOSED;
        if (closedBy == null) {
            closedBy = by;
        }
        closedAt = LocalTime.now(ZoneId.systemDefault()).truncatedTo(ChronoUnit.MILLIS);
    }

    @Override
    String refuseSpawn() {
        return switch (state) {
            case OPEN -> null;
            case CLOSING -> "Supervisor '" + name() + "' is closing (" + closedBy + ")";
            case CLOSED -> "Supervisor '" + name() + "' is closed (" + closedBy + ", at " + closedAt + ")";
        };
    }

    @Override
    String spawnAdvice() {
        return "Spawn work only while its scope is open; work started during shutdown would be cancelled at once.";
    }
}
