package io.gyre.runtime;

import io.gyre.runtime.internal.CompletionOrder;
import io.gyre.runtime.internal.TaskImpl;
import io.gyre.runtime.internal.Waiter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Combinators over concurrent work: asyncio's {@code gather}, {@code wait}, {@code wait_for},
 * {@code as_completed} and {@code shield}.
 *
 * <p>Work given as bodies is run as tasks in a task group owned by the caller, so it never
 * outlives the call: by the time a combinator returns or throws, every task it started has
 * ended. Work given as existing {@link Task}s stays owned by the scope that spawned it.
 *
 * <p>Thread-safety: every method may be called from any task; the blocking ones are
 * cancellable.
 */
public final class Tasks {
    private Tasks() {
    }

    /** When {@link #wait(Collection, ReturnWhen)} returns. */
    public enum ReturnWhen {
        /** As soon as any task has ended, however it ended. */
        FIRST_COMPLETED,
        /** As soon as any task has failed (cancellation is not a failure), or when all have ended. */
        FIRST_FAILURE,
        /** When every task has ended. */
        ALL_COMPLETED
    }

    /**
     * What {@link #wait(Collection, ReturnWhen)} saw: the tasks that had ended and those that had
     * not, each in the order given.
     *
     * @param <T> the tasks' result type
     * @param done the tasks that had ended
     * @param pending the tasks still running; they were not cancelled
     */
    public record WaitResult<T>(Set<Task<? extends T>> done, Set<Task<? extends T>> pending) {
        /**
         * Copies both sets, keeping their order.
         *
         * @param done the tasks that had ended
         * @param pending the tasks still running
         */
        public WaitResult {
            done = Collections.unmodifiableSet(new LinkedHashSet<>(done));
            pending = Collections.unmodifiableSet(new LinkedHashSet<>(pending));
        }
    }

    // ------------------------------------------------------------------------------- gather

    /**
     * Runs every body as a task and returns their results in argument order: asyncio's
     * {@code gather}. Blocking; cancellable.
     *
     * <p>The first failure is acted on at once: the other tasks are cancelled, and once they
     * have all ended the failure is thrown. <em>Unlike asyncio</em>, which leaves the other
     * tasks running, nothing outlives the call. Failures of the cancelled tasks during their
     * cleanup are attached as suppressed exceptions, never dropped. A task that is cancelled
     * (by itself, say) does not cancel its siblings: they finish, then the cancellation is
     * thrown. Cancelling the caller cancels every task; the caller then sees its
     * {@link CancelledException} once they have ended.
     *
     * {@snippet :
     * List<String> pages = Tasks.gather(List.of(() -> fetch("a"), () -> fetch("b")));
     * }
     *
     * @param <T> the result type
     * @param bodies the work; may be empty
     * @return the results, in the order of {@code bodies} ({@code null} entries for bodies that
     *     return {@code null})
     * @throws TaskFailedException for the first failure (the failed task's name and its failure
     *     as the cause)
     * @throws CancelledException if a task was cancelled, or the caller was cancelled
     * @throws IllegalStateException if the caller is not a Gyre task
     */
    public static <T> List<T> gather(List<? extends TaskBody<? extends T>> bodies) {
        List<Task<? extends T>> tasks = runAll("gather", bodies);
        List<T> results = new ArrayList<>(tasks.size());
        for (Task<? extends T> t : tasks) {
            results.add(t.join()); // all ended: join returns at once, or throws the child's cancellation
        }
        return Collections.unmodifiableList(results);
    }

    /**
     * Varargs form of {@link #gather(List)}.
     *
     * @param <T> the result type
     * @param bodies the work
     * @return the results, in argument order
     * @throws TaskFailedException for the first failure
     * @throws CancelledException if a task was cancelled, or the caller was cancelled
     */
    @SafeVarargs
    public static <T> List<T> gather(TaskBody<? extends T>... bodies) {
        List<TaskBody<? extends T>> list = new ArrayList<>(bodies.length);
        for (TaskBody<? extends T> b : bodies) {
            list.add(b);
        }
        return gather(list);
    }

    /**
     * Runs every body as a task and returns how each one ended, in argument order: asyncio's
     * {@code gather(..., return_exceptions=True)}. A failure or a cancellation of one task does
     * not affect the others. Cancelling the caller cancels every task; the caller then sees its
     * {@link CancelledException} once they have ended. Blocking; cancellable.
     *
     * @param <T> the result type
     * @param bodies the work; may be empty
     * @return one outcome per body, in the order of {@code bodies}
     * @throws CancelledException if the caller was cancelled
     * @throws IllegalStateException if the caller is not a Gyre task
     */
    public static <T> List<Outcome<T>> gatherOutcomes(List<? extends TaskBody<? extends T>> bodies) {
        List<TaskBody<Outcome<T>>> wrapped = new ArrayList<>(bodies.size());
        for (TaskBody<? extends T> body : bodies) {
            Objects.requireNonNull(body, "body");
            wrapped.add(() -> outcomeOf(body));
        }
        List<Task<? extends Outcome<T>>> tasks = runAll("gather", wrapped);
        List<Outcome<T>> results = new ArrayList<>(tasks.size());
        for (Task<? extends Outcome<T>> t : tasks) {
            results.add(t.resultNow());
        }
        return List.copyOf(results);
    }

    /**
     * Varargs form of {@link #gatherOutcomes(List)}.
     *
     * @param <T> the result type
     * @param bodies the work
     * @return one outcome per body, in argument order
     * @throws CancelledException if the caller was cancelled
     */
    @SafeVarargs
    public static <T> List<Outcome<T>> gatherOutcomes(TaskBody<? extends T>... bodies) {
        List<TaskBody<? extends T>> list = new ArrayList<>(bodies.length);
        for (TaskBody<? extends T> b : bodies) {
            list.add(b);
        }
        return gatherOutcomes(list);
    }

    private static <T> Outcome<T> outcomeOf(TaskBody<? extends T> body) {
        try {
            return new Outcome.Success<>(body.run());
        } catch (CancelledException e) {
            return new Outcome.Cancelled<>(e);
        } catch (InterruptedException e) {
            return new Outcome.Cancelled<>(new CancelledException("interrupted: " + e.getMessage()));
        } catch (Exception e) {
            return new Outcome.Failure<>(e);
        }
    }

    /** Runs every body in a task group and waits for all; a failure aborts the group. */
    private static <T> List<Task<? extends T>> runAll(String name, List<? extends TaskBody<? extends T>> bodies) {
        List<Task<? extends T>> tasks = new ArrayList<>(bodies.size());
        for (TaskBody<? extends T> b : bodies) {
            Objects.requireNonNull(b, "body");
        }
        try {
            TaskGroup.run(name, g -> {
                for (TaskBody<? extends T> b : bodies) {
                    tasks.add(g.spawn(b));
                }
                for (Task<? extends T> t : tasks) {
                    // await, not join: a failure must reach the group first, so it is reported as
                    // the child's own failure rather than as the body's
                    while (!t.await(Duration.ofDays(1))) {
                        Cancellation.checkpoint();
                    }
                }
                return null;
            });
        } catch (TaskGroupException e) {
            throw firstFailure(e, tasks);
        }
        return tasks;
    }

    private static RuntimeException firstFailure(TaskGroupException e, List<? extends Task<?>> tasks) {
        Throwable first = e.failures().getFirst();
        for (Task<?> t : tasks) {
            if (t.failure().orElse(null) == first) {
                TaskFailedException out = new TaskFailedException(t.name(), first);
                for (Throwable other : e.failures().subList(1, e.failures().size())) {
                    out.addSuppressed(other);
                }
                return out;
            }
        }
        return e;
    }

    // --------------------------------------------------------------------------------- wait

    /**
     * Waits until {@code when} is met: asyncio's {@code wait}. Blocking; cancellable. The
     * pending tasks are never cancelled.
     *
     * @param <T> the tasks' result type
     * @param tasks the tasks; duplicates count once
     * @param when the condition to wait for
     * @return the ended and the pending tasks
     * @throws IllegalArgumentException if {@code tasks} is empty or contains the calling task
     * @throws CancelledException if the caller is cancelled while waiting (the tasks are not)
     */
    public static <T> WaitResult<T> wait(Collection<? extends Task<? extends T>> tasks, ReturnWhen when) {
        return waitUntil(tasks, when, Waiter.NO_DEADLINE);
    }

    /**
     * Like {@link #wait(Collection, ReturnWhen)}, returning when {@code timeout} has passed even if
     * {@code when} is not met; a timeout is not an error.
     *
     * @param <T> the tasks' result type
     * @param tasks the tasks; duplicates count once
     * @param when the condition to wait for
     * @param timeout the longest wait; zero just looks
     * @return the ended and the pending tasks
     * @throws IllegalArgumentException if {@code tasks} is empty or contains the calling task, or
     *     {@code timeout} is negative
     * @throws CancelledException if the caller is cancelled while waiting (the tasks are not)
     */
    public static <T> WaitResult<T> wait(Collection<? extends Task<? extends T>> tasks, ReturnWhen when,
            Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout < 0: " + timeout);
        }
        return waitUntil(tasks, when, Waiter.deadlineAfter(timeout.toNanos()));
    }

    private static <T> WaitResult<T> waitUntil(Collection<? extends Task<? extends T>> tasks, ReturnWhen when,
            long deadline) {
        Objects.requireNonNull(when, "when");
        Set<Task<? extends T>> all = distinct("Tasks.wait", tasks);
        Cancellation.checkpoint();
        ReentrantLock mutex = new ReentrantLock();
        java.util.concurrent.locks.Condition changed = mutex.newCondition();
        for (Task<? extends T> t : all) {
            t.onDone(x -> {
                mutex.lock();
                try {
                    changed.signalAll();
                } finally {
                    mutex.unlock();
                }
            });
        }
        mutex.lock();
        try {
            while (!met(all, when)) {
                long left = deadline == Waiter.NO_DEADLINE ? Long.MAX_VALUE : deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                if (deadline == Waiter.NO_DEADLINE) {
                    changed.await();
                } else {
                    changed.awaitNanos(left);
                }
            }
        } catch (InterruptedException e) {
            throw TaskImpl.interrupted(TaskImpl.current());
        } finally {
            mutex.unlock();
        }
        Set<Task<? extends T>> done = new LinkedHashSet<>();
        Set<Task<? extends T>> pending = new LinkedHashSet<>();
        for (Task<? extends T> t : all) {
            (t.isDone() ? done : pending).add(t);
        }
        return new WaitResult<>(done, pending);
    }

    private static boolean met(Set<? extends Task<?>> all, ReturnWhen when) {
        boolean allDone = true;
        for (Task<?> t : all) {
            TaskState s = t.state();
            if (s.isDone() && when == ReturnWhen.FIRST_COMPLETED) {
                return true;
            }
            if (s == TaskState.FAILED && when == ReturnWhen.FIRST_FAILURE) {
                return true;
            }
            allDone &= s.isDone();
        }
        return allDone;
    }

    private static <T> Set<Task<? extends T>> distinct(String api, Collection<? extends Task<? extends T>> tasks) {
        Set<Task<? extends T>> all = new LinkedHashSet<>();
        for (Task<? extends T> t : tasks) {
            all.add(Objects.requireNonNull(t, "task"));
        }
        if (all.isEmpty()) {
            throw new IllegalArgumentException(api + " needs at least one task; it was given none");
        }
        TaskImpl<?> me = TaskImpl.current();
        if (me != null && all.contains(me)) {
            throw new IllegalArgumentException(api + ": task '" + me.name() + "' passed itself, and would wait for"
                    + " its own end forever. Pass only other tasks.");
        }
        return all;
    }

    // ------------------------------------------------------------------------------ waitFor

    /**
     * Runs {@code body} with a time limit: asyncio's {@code wait_for}. Blocking; cancellable.
     *
     * <p>The body runs in the calling task, as in {@link Timeout#failAfter}. If the time passes,
     * the body is cancelled and this method returns only after the body has finished its cleanup.
     * A failure thrown during that cleanup is thrown instead of the timeout; a body that
     * suppresses the cancellation and returns a value has that value returned. A zero or
     * negative timeout never starts the body. Exceptions of the body pass through unchanged.
     *
     * @param <T> the result type
     * @param body the work
     * @param timeout the time allowed
     * @return what the body returned
     * @throws DeadlineExceededException if the time passed and the body ended by cancellation
     * @throws CancelledException if the caller was cancelled (the body, which runs in it, too)
     * @throws IllegalStateException if the caller is not a Gyre task
     */
    public static <T> T waitFor(TaskBody<T> body, Duration timeout) {
        Objects.requireNonNull(body, "body");
        if (timeout.isNegative() || timeout.isZero()) {
            Cancellation.checkpoint();
            throw new DeadlineExceededException("Tasks.waitFor: a timeout of " + timeout + " leaves no time; the"
                    + " work was not started");
        }
        return Timeout.failAfter(timeout, t -> body.run());
    }

    /**
     * Waits for {@code task} with a time limit: asyncio's {@code wait_for} on a task. Blocking;
     * cancellable.
     *
     * <p>If the time passes, the task is cancelled and this method returns only after it has
     * ended. If it then failed (during its cleanup), that failure is thrown; if it suppressed the
     * cancellation and returned a value, that value is returned. A task that has not started its
     * body when it is cancelled never starts it. Cancelling the caller cancels the task too, and
     * waits for it to end before the caller's {@link CancelledException} is thrown.
     *
     * @param <T> the result type
     * @param task the task to wait for
     * @param timeout the time allowed; zero or negative means no waiting
     * @return the task's result
     * @throws DeadlineExceededException if the time passed and the task ended by cancellation
     * @throws TaskFailedException if the task failed
     * @throws CancelledException if the task was cancelled by someone else, or the caller was
     *     cancelled
     */
    public static <T> T waitFor(Task<T> task, Duration timeout) {
        Objects.requireNonNull(task, "task");
        boolean done;
        try {
            done = task.await(timeout);
        } catch (CancelledException e) {
            task.cancel("the task waiting for it in Tasks.waitFor was cancelled: " + e.reason());
            throw awaitEnd(task, e);
        }
        if (!done) {
            boolean byUs = task.cancel("Tasks.waitFor: no result within " + timeout);
            CancelledException callerCancelled = awaitEnd(task, null);
            if (callerCancelled != null) {
                throw callerCancelled; // the caller's own cancellation outranks the timeout
            }
            Cancellation.checkpoint(); // nor may one that arrived as the task ended be lost
            if (byUs && task.state() == TaskState.CANCELLED) {
                throw new DeadlineExceededException("Tasks.waitFor: task '" + task.name() + "' did not finish within "
                        + timeout + "; it was cancelled and has finished its cleanup");
            }
        }
        return task.join();
    }

    /**
     * Waits for {@code task}, already cancelled, to end, even if the caller is cancelled meanwhile.
     *
     * @param kept a cancellation of the caller already in hand, or null
     * @return the outermost of {@code kept} and the caller's cancellations meanwhile, for the caller
     *     to rethrow, or null
     */
    private static CancelledException awaitEnd(Task<?> task, CancelledException kept) {
        while (true) {
            try {
                if (task.await(Duration.ofDays(1))) {
                    return kept;
                }
            } catch (CancelledException e) {
                kept = TaskImpl.outermost(kept, e);
            }
        }
    }

    // -------------------------------------------------------------------------- asCompleted

    /**
     * Returns the tasks in the order they end: asyncio's {@code as_completed}. The returned
     * iterable can be iterated once; its {@code next()} waits for the next task to end
     * (blocking; cancellable) and returns it, ended, so {@link Task#join()} does not wait.
     *
     * {@snippet :
     * for (Task<? extends String> t : Tasks.asCompleted(tasks)) {
     *     show(t.join());
     * }
     * }
     *
     * @param <T> the tasks' result type
     * @param tasks the tasks; duplicates count once
     * @return the tasks, in completion order
     * @throws IllegalArgumentException if {@code tasks} is empty or contains the calling task
     */
    public static <T> Iterable<Task<? extends T>> asCompleted(Collection<? extends Task<? extends T>> tasks) {
        return new CompletionOrder<T>(distinct("Tasks.asCompleted", tasks), Waiter.NO_DEADLINE, "");
    }

    /**
     * Like {@link #asCompleted(Collection)}, with a time limit for the whole iteration: once
     * {@code timeout} has passed, {@code next()} throws {@link DeadlineExceededException}. The
     * tasks are not cancelled.
     *
     * @param <T> the tasks' result type
     * @param tasks the tasks; duplicates count once
     * @param timeout the time allowed for all tasks to end, from now
     * @return the tasks, in completion order
     * @throws IllegalArgumentException if {@code tasks} is empty or contains the calling task, or
     *     {@code timeout} is negative
     */
    public static <T> Iterable<Task<? extends T>> asCompleted(Collection<? extends Task<? extends T>> tasks,
            Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout < 0: " + timeout);
        }
        return new CompletionOrder<T>(distinct("Tasks.asCompleted", tasks), Waiter.deadlineAfter(timeout.toNanos()),
                timeout.toString());
    }

    // ------------------------------------------------------------------------------- shield

    /**
     * Waits for {@code task} without passing the caller's cancellation on to it: asyncio's
     * {@code shield}. If the caller is cancelled, it sees {@link CancelledException} at once and
     * the task keeps running in its own scope. Blocking; cancellable.
     *
     * @param <T> the result type
     * @param task the task to wait for
     * @return its result
     * @throws TaskFailedException if the task failed
     * @throws CancelledException if the caller was cancelled (the task was not), or the task was
     */
    public static <T> T shield(Task<T> task) {
        return task.join();
    }

    /**
     * Starts {@code body} as a task of {@code scope} and waits for it without passing the
     * caller's cancellation on: the work is owned by {@code scope} (a {@link Supervisor}, say,
     * which outlives the caller), not by the caller. Blocking; cancellable.
     *
     * <p>For cleanup that should run in the caller itself, see
     * {@link Cancellation#shield(Duration, TaskBody)}.
     *
     * @param <T> the result type
     * @param scope the owner of the work; it must outlive the caller's cancellation
     * @param name the task's name
     * @param body the work
     * @return what the body returned
     * @throws TaskFailedException if the body failed
     * @throws CancelledException if the caller was cancelled (the work was not), or the work was
     * @throws ClosedException if {@code scope} no longer accepts tasks
     */
    public static <T> T shield(Scope scope, String name, TaskBody<T> body) {
        return scope.spawn(name, body).join();
    }

    /**
     * Starts {@code body}, which returns nothing, as a task of {@code scope} and waits for it
     * without passing the caller's cancellation on: see {@link #shield(Scope, String, TaskBody)}.
     *
     * @param scope the owner of the work; it must outlive the caller's cancellation
     * @param name the task's name
     * @param body the work
     * @throws TaskFailedException if the body failed
     * @throws CancelledException if the caller was cancelled (the work was not), or the work was
     * @throws ClosedException if {@code scope} no longer accepts tasks
     */
    public static void shield(Scope scope, String name, VoidBody body) {
        scope.spawn(name, body).join();
    }
}
