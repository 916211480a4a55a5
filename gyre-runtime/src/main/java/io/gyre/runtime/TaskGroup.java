package io.gyre.runtime;

import io.gyre.runtime.internal.GroupScope;

/**
 * A structured, fail-fast scope: asyncio's {@code TaskGroup}, Trio's nursery.
 *
 * <p>{@link #run(Body)} runs a body that spawns children into the group, then waits for every
 * child. The first real failure (of a child or of the body) cancels the other children and the
 * body; when all have ended, the group throws a {@link TaskGroupException} that lists every
 * failure, first one as the cause. Cancelled children are not failures. Cancelling the task that
 * owns the group cancels its children. Nothing can be spawned once the group has finished or
 * while it aborts.
 *
 * {@snippet :
 * List<String> pages = TaskGroup.run(group -> {
 *     Task<String> a = group.spawn("fetch-a", () -> fetch("a"));
 *     Task<String> b = group.spawn("fetch-b", () -> fetch("b"));
 *     return List.of(a.join(), b.join());
 * });
 * }
 *
 * <p>Thread-safety: {@code spawn} may be called from any thread while the group is open.
 */
public sealed interface TaskGroup extends Scope permits GroupScope {

    /**
     * The code run inside a group.
     *
     * @param <T> the type it returns
     */
    @FunctionalInterface
    interface Body<T> {
        /**
         * Runs with the open group.
         *
         * @param group the group to spawn children into
         * @return the value {@link TaskGroup#run(Body)} returns once every child ended
         * @throws Exception a body failure, which aborts the group
         */
        T run(TaskGroup group) throws Exception;
    }

    /**
     * Runs {@code body} in a new group owned by the calling task and waits for all children.
     *
     * @param <T> the result type
     * @param body the code that spawns children
     * @return what the body returned
     * @throws TaskGroupException if the body or any child failed
     * @throws CancelledException if the calling task was cancelled (children are cancelled and
     *     awaited first)
     * @throws IllegalStateException if called from a thread that is not a Gyre task
     */
    static <T> T run(Body<T> body) {
        return GroupScope.run("task-group", body);
    }

    /**
     * Like {@link #run(Body)}, with a name for reports.
     *
     * @param <T> the result type
     * @param name the group's name
     * @param body the code that spawns children
     * @return what the body returned
     */
    static <T> T run(String name, Body<T> body) {
        return GroupScope.run(name, body);
    }

    /**
     * Cancels the group: every child and the body see {@link CancelledException}; the group
     * then ends without a failure of its own (a cancel is not an error).
     *
     * @param reason why
     */
    void cancel(String reason);
}
