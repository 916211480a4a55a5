package io.gyre.runtime;

import io.gyre.runtime.internal.TaskImpl;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A unit of concurrent work running on its own virtual thread, always owned by a {@link Scope}.
 *
 * <p>Tasks are never created directly: {@link Scope#spawn(String, TaskBody)} (for example on a
 * {@link TaskGroup}) starts one, and the scope does not finish before its tasks have finished.
 *
 * <p>Thread-safety: every method may be called from any thread.
 *
 * @param <T> the type of the task's result
 */
public sealed interface Task<T> permits TaskImpl {

    /**
     * Returns the task running on the calling thread, if the caller is a Gyre task.
     *
     * @return the current task, or empty on a thread that is not a task (a loop thread, say)
     */
    static Optional<Task<?>> current() {
        return Optional.ofNullable(TaskImpl.current());
    }

    /**
     * Returns the task's name, unique enough to find it in a report.
     *
     * @return the name given at spawn time, or a generated one
     */
    String name();

    /**
     * Returns the scope that owns this task.
     *
     * @return the owning scope
     */
    Scope scope();

    /**
     * Returns where the task was spawned: the first caller frame outside Gyre, as
     * {@code Class.method(File.java:line)}; in debug mode the whole spawning stack.
     *
     * @return the creation site
     */
    String creationSite();

    /**
     * Returns the task's current state.
     *
     * @return the state
     */
    TaskState state();

    /**
     * Tells whether the task has ended.
     *
     * @return {@code true} once the state is final
     */
    default boolean isDone() {
        return state().isDone();
    }

    /**
     * Requests cancellation: the task sees {@link CancelledException} with this reason at its
     * next blocking point (deferred while it is inside a shield). Idempotent.
     *
     * @param reason why, for the task and for the reader of a log
     * @return {@code true} if this call requested cancellation, {@code false} if the task had
     *     already ended or a cancellation was already requested
     */
    boolean cancel(String reason);

    /**
     * Tells whether cancellation was requested.
     *
     * @return {@code true} after an effective {@link #cancel(String)}
     */
    boolean isCancelRequested();

    /**
     * Waits for the task to end and returns its result. Blocking; cancellable.
     *
     * @return the task's result
     * @throws TaskFailedException if the task failed (its failure is the cause)
     * @throws CancelledException if the task was cancelled, or the caller was cancelled while
     *     waiting (the awaited task is not cancelled by that)
     * @throws IllegalStateException if called on a loop thread while the task has not ended:
     *     waiting would block the loop (use {@link #onDone} there, or wait from a task)
     */
    T join();

    /**
     * Waits at most {@code timeout} for the task to end. Blocking; cancellable.
     *
     * @param timeout how long to wait
     * @return {@code true} if the task ended in time
     * @throws CancelledException if the caller was cancelled while waiting
     * @throws IllegalStateException if called on a loop thread with a non-zero timeout while the
     *     task has not ended: waiting would block the loop (use {@link #onDone} there)
     */
    boolean await(Duration timeout);

    /**
     * Returns the result of a task that succeeded.
     *
     * @return the result
     * @throws IllegalStateException if the task did not succeed (running, failed or cancelled)
     */
    T resultNow();

    /**
     * Returns the failure of a task that failed.
     *
     * @return the failure, or empty if the task has not failed (yet)
     */
    Optional<Throwable> failure();

    /**
     * Registers a callback run once the task has ended (at once if it already has), on the
     * thread that ends the task. The callback must be short and must not block.
     *
     * @param callback receives the ended task
     */
    void onDone(Consumer<? super Task<T>> callback);

    /**
     * Returns the live stack of the task's thread, innermost frame first; empty once it ended.
     *
     * @return the stack frames
     */
    List<StackTraceElement> stack();

    /**
     * Returns how long ago the task was spawned.
     *
     * @return the task's age
     */
    Duration age();
}
