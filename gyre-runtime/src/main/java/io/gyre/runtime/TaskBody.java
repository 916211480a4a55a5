package io.gyre.runtime;

/**
 * The work a task runs: a function that returns a value and may throw.
 *
 * <p>A body that has nothing to return can return {@code null}; its task's {@link Task#join()}
 * then returns {@code null} as well.
 *
 * @param <T> the type of the value the body returns
 */
@FunctionalInterface
public interface TaskBody<T> {
    /**
     * Runs the work.
     *
     * @return the task's result
     * @throws Exception any failure; it becomes the task's failure
     */
    T run() throws Exception;
}
