package io.gyre.runtime;

import io.gyre.runtime.internal.SupervisorScope;
import java.time.Duration;

/**
 * A supervising scope for long-lived work (background jobs, a server's requests): a child's
 * failure goes to a {@link FailureHandler} with the task's name and creation site, and does not
 * cancel its siblings.
 *
 * <p>Use {@link #run} for a lexical scope, or {@link #open} for one that lives until it is
 * closed; an open supervisor is owned by the current runner and is closed, at the latest, by
 * the runner's shutdown, so its tasks never outlive the runtime.
 *
 * <p>Thread-safety: every method may be called from any thread.
 */
public sealed interface Supervisor extends Scope, AutoCloseable permits SupervisorScope {

    /** Receives the failure of a supervised task. */
    @FunctionalInterface
    interface FailureHandler {
        /**
         * Called on the failed task's thread, after it ended. A task that ended cancelled is not a
         * failure, unless its cleanup failed meanwhile (a close suppressed on its cancellation):
         * that one is handed over as a {@link CleanupFailedException}.
         *
         * @param task the failed task (name, creation site)
         * @param failure its failure
         */
        void failed(Task<?> task, Throwable failure);
    }

    /**
     * The code run inside a lexical supervisor.
     *
     * @param <T> the type it returns
     */
    @FunctionalInterface
    interface Body<T> {
        /**
         * Runs with the open supervisor.
         *
         * @param supervisor where to spawn children
         * @return the value returned once all children ended
         * @throws Exception a body failure; children are cancelled and awaited, then it is rethrown
         */
        T run(Supervisor supervisor) throws Exception;
    }

    /**
     * Runs {@code body}, then waits for every child; child failures go to {@code handler}.
     *
     * @param <T> the result type
     * @param name the scope's name
     * @param handler receives child failures
     * @param body the code that spawns children
     * @return what the body returned
     */
    static <T> T run(String name, FailureHandler handler, Body<T> body) {
        return SupervisorScope.runLexical(name, handler, body);
    }

    /**
     * Opens a supervisor that lives until {@link #close()} (or the runner's shutdown).
     *
     * @param name the scope's name
     * @param handler receives child failures
     * @return the open supervisor
     * @throws IllegalStateException if no Gyre runner is running on this thread
     */
    static Supervisor open(String name, FailureHandler handler) {
        return SupervisorScope.open(name, handler);
    }

    /**
     * Cancels every live task of this scope.
     *
     * @param reason why
     */
    void cancelAll(String reason);

    /**
     * Waits until the scope has no live task, at most {@code timeout}. Blocking; cancellable.
     *
     * @param timeout the bound
     * @return {@code true} if no task is left
     */
    boolean awaitIdle(Duration timeout);

    /**
     * Refuses new tasks, cancels the live ones, waits up to the runner's grace for them and
     * reports any that did not end. Idempotent.
     */
    @Override
    void close();

    /**
     * Like {@link #close()} with an explicit grace.
     *
     * @param grace how long to wait for cancelled tasks to end
     * @return {@code true} if every task ended within the grace
     */
    boolean close(Duration grace);
}
