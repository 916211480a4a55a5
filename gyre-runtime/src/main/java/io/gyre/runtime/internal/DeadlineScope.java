package io.gyre.runtime.internal;

import io.gyre.runtime.DeadlineExceededException;
import io.gyre.runtime.Timeout;
import io.gyre.runtime.Timer;
import java.time.Duration;
import java.util.Optional;

/** A deadline scope: a cancel frame fired by a timer on the runner's timer loop. */
public final class DeadlineScope extends CancelFrame implements Timeout {
    /* `deadline`, `hasDeadline`, `timer` and the inherited frame fields are guarded by the task's monitor. */
    private final TaskImpl<?> task;
    private final String api;
    private long deadline;
    private boolean hasDeadline = true;
    private Timer timer;

    private DeadlineScope(TaskImpl<?> task, long deadline, String api) {
        this.task = task;
        this.deadline = deadline;
        this.api = api;
    }

    /**
     * Computes a deadline {@code delay} from now, saturating.
     *
     * @param delay the delay
     * @return the deadline on the nanoTime clock
     */
    public static long deadlineAfter(Duration delay) {
        long now = System.nanoTime();
        long d;
        try {
            d = Math.addExact(now, delay.toNanos());
        } catch (ArithmeticException e) {
            d = delay.isNegative() ? Long.MIN_VALUE / 2 : now + Long.MAX_VALUE / 2;
        }
        return d;
    }

    /**
     * Runs a deadline scope.
     *
     * @param <T> the result type
     * @param deadline the deadline
     * @param fail throw on expiry (else return empty)
     * @param body the body
     * @return the body's result, or empty if expired and {@code fail} is false
     */
    public static <T> Optional<T> run(long deadline, boolean fail, Body<T> body) {
        String api = fail ? "Timeout.failAfter" : "Timeout.moveOnAfter";
        TaskImpl<?> task = TaskImpl.requireCurrent(api);
        DeadlineScope s = new DeadlineScope(task, deadline, api);
        long started = System.nanoTime();
        task.push(s);
        try {
            synchronized (task) {
                s.arm();
            }
        } catch (RuntimeException | Error e) {
            task.pop(s, null); // e.g. the timer loop is closed: leave no frame behind
            throw e;
        }
        T value = null;
        Throwable error = null;
        try {
            value = body.run(s);
        } catch (Throwable e) {
            error = e;
        }
        synchronized (task) {
            if (s.timer != null) {
                s.timer.cancel();
            }
        }
        Throwable out = task.pop(s, error);
        if (out == TaskImpl.MINE) {
            // the deadline's cancellation ends here; what failed in the body's cleanup does not
            if (fail) {
                long ms = Duration.ofNanos(System.nanoTime() - started).toMillis();
                throw CleanupFailures.carryFrom(error, new DeadlineExceededException(api + " in task '" + task.name()
                        + "' expired after " + ms + " ms; the body was cancelled and has finished its cleanup"));
            }
            if (CleanupFailures.any(error)) {
                task.reportFailure(error, "its cleanup after the deadline of " + api + " passed");
            }
            return Optional.empty();
        }
        if (out != null) {
            throw Throwables.sneaky(out);
        }
        return Optional.ofNullable(value);
    }

    /* Under the task's monitor. */
    private void arm() {
        if (!hasDeadline) {
            return;
        }
        String reason = api + " deadline passed";
        if (deadline - System.nanoTime() <= 0) {
            task.fire(this, reason);
        } else {
            timer = task.core.timers().callAt(deadline, api + " of task '" + task.name() + "'",
                    () -> timerRang(reason));
        }
    }

    /*
     * On the timer loop. The deadline may have moved or been cleared after this timer became due
     * (cancelling a timer that already runs has no effect): fire only if it still has passed.
     */
    private void timerRang(String reason) {
        synchronized (task) {
            if (!hasDeadline || deadline - System.nanoTime() > 0) {
                return;
            }
            task.fire(this, reason);
        }
    }

    @Override
    public Optional<Long> deadline() {
        synchronized (task) {
            return hasDeadline ? Optional.of(deadline) : Optional.empty();
        }
    }

    @Override
    public void reschedule(Duration delay) {
        rescheduleAt(deadlineAfter(delay));
    }

    @Override
    public void rescheduleAt(long deadlineNanos) {
        synchronized (task) {
            checkMovable();
            if (timer != null) {
                timer.cancel();
                timer = null;
            }
            deadline = deadlineNanos;
            hasDeadline = true;
            arm();
        }
    }

    @Override
    public void clear() {
        synchronized (task) {
            checkMovable();
            if (timer != null) {
                timer.cancel();
                timer = null;
            }
            hasDeadline = false;
        }
    }

    private void checkMovable() {
        if (fired) {
            throw new IllegalStateException(api + " in task '" + task.name() + "' has already expired; its"
                    + " deadline can no longer be moved. Open a new Timeout for further work.");
        }
        if (!active) {
            throw new IllegalStateException(api + " in task '" + task.name() + "' has ended; move a deadline only"
                    + " while its body runs.");
        }
    }

    @Override
    public boolean expired() {
        synchronized (task) {
            return fired;
        }
    }
}
