package io.gyre.runtime;

/**
 * Work that returns nothing and may throw; the task's result is {@code null}.
 */
@FunctionalInterface
public interface VoidBody {
    /**
     * Runs the work.
     *
     * @throws Exception any failure; it becomes the task's failure
     */
    void run() throws Exception;
}
