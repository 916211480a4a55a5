package io.gyre.runtime;

import io.gyre.runtime.internal.Bodies;
import io.gyre.runtime.internal.TaskImpl;
import java.time.Duration;

/**
 * Cancellation checkpoints and shielding for the current task.
 *
 * <p>Cancellation is delivered at blocking points: Gyre's own ({@link Gyre#sleep},
 * {@link Task#join()}, ...) raise {@link CancelledException}; JDK blocking calls are
 * interrupted. Note that interrupting a thread blocked in JDK socket I/O closes that socket.
 */
public final class Cancellation {
    private Cancellation() {
    }

    /**
     * Raises {@link CancelledException} if the current task has a cancellation to deliver.
     * Long CPU-bound loops should call this now and then.
     *
     * @throws CancelledException if cancelled
     */
    public static void checkpoint() {
        TaskImpl<?> t = TaskImpl.current();
        if (t != null) {
            t.checkpoint();
        } else if (Thread.currentThread().isInterrupted()) {
            Thread.interrupted();
            throw new CancelledException("thread interrupted");
        }
    }

    /**
     * Tells whether the current task has been asked to cancel (delivered or not).
     *
     * @return {@code true} if the current task has a cancel request
     */
    public static boolean isRequested() {
        TaskImpl<?> t = TaskImpl.current();
        return t != null && t.isCancelRequested();
    }

    /**
     * Runs {@code body} with cancellation deferred, for cleanup that must finish. Cancellation
     * requested meanwhile is delivered at the first blocking point after the shield ends, or
     * when {@code bound} has passed, whichever comes first.
     *
     * @param <T> the result type
     * @param bound the longest the shield holds cancellation back
     * @param body the cleanup
     * @return what the body returned
     * @throws IllegalStateException if the caller is not a Gyre task
     */
    public static <T> T shield(Duration bound, TaskBody<T> body) {
        return TaskImpl.requireCurrent("Cancellation.shield").shield(bound, body);
    }

    /**
     * Runs {@code body}, which returns nothing, with cancellation deferred: see
     * {@link #shield(Duration, TaskBody)}.
     *
     * @param bound the longest the shield holds cancellation back
     * @param body the cleanup
     * @throws IllegalStateException if the caller is not a Gyre task
     */
    public static void shield(Duration bound, VoidBody body) {
        shield(bound, Bodies.of(body));
    }
}
