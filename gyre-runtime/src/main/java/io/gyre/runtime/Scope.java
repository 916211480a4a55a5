package io.gyre.runtime;

import java.util.List;

/**
 * Something tasks are started in. Every task has exactly one owning scope, and a scope does not
 * finish before all of its tasks have finished: there is no way to start an unowned task.
 *
 * <p>Thread-safety: every method may be called from any thread.
 */
public interface Scope {

    /**
     * Returns the scope's name, used in reports and error messages.
     *
     * @return the name
     */
    String name();

    /**
     * Starts {@code body} as a new task of this scope on its own virtual thread.
     *
     * @param <T> the result type
     * @param name the task's name, shown in reports
     * @param body the work
     * @return the started task
     * @throws ClosedException if the scope has finished or is aborting
     */
    <T> Task<T> spawn(String name, TaskBody<T> body);

    /**
     * Starts {@code body} as a new task with a generated name.
     *
     * @param <T> the result type
     * @param body the work
     * @return the started task
     * @throws ClosedException if the scope has finished or is aborting
     */
    <T> Task<T> spawn(TaskBody<T> body);

    /**
     * Starts {@code body}, which returns nothing, as a new task of this scope.
     *
     * @param name the task's name, shown in reports
     * @param body the work
     * @return the started task; its result is {@code null}
     * @throws ClosedException if the scope has finished or is aborting
     */
    Task<Void> spawn(String name, VoidBody body);

    /**
     * Starts {@code body}, which returns nothing, as a new task with a generated name.
     *
     * @param body the work
     * @return the started task; its result is {@code null}
     * @throws ClosedException if the scope has finished or is aborting
     */
    Task<Void> spawn(VoidBody body);

    /**
     * Returns the tasks of this scope that have not ended yet.
     *
     * @return a snapshot of the live tasks
     */
    List<Task<?>> tasks();
}
