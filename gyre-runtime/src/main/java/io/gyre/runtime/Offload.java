package io.gyre.runtime;

import io.gyre.runtime.internal.Bodies;
import io.gyre.runtime.internal.OffloadPool;
import java.util.Objects;

/**
 * Runs blocking or CPU-heavy work on the runner's bounded pool of platform threads, asyncio's
 * {@code asyncio.to_thread}.
 *
 * <p>Tasks already run on virtual threads, where blocking is fine; offload what a virtual thread
 * should not do: long CPU-bound computations (they hold a carrier thread), calls that pin the
 * carrier (native code that blocks, blocking inside a class initializer), and libraries that
 * misbehave on virtual threads. The pool has {@link RunnerConfig#offloadThreads()} threads;
 * more work waits in a queue.
 *
 * <ul>
 *   <li>The work sees the caller's {@link ScopedContext}-propagated scoped values.
 *   <li>Its failure is rethrown to the caller: unchecked exceptions and errors as they are, a
 *       checked exception wrapped in {@link TaskFailedException} (as {@link Runner#run} does).
 *   <li>Cancelling the caller returns at once with {@link CancelledException}; the pool thread
 *       is interrupted. Work that ignores the interrupt keeps its thread, and the runner's
 *       shutdown reports it ({@link Report.OffloadStraggler}) with its stack.
 *   <li>The runner's shutdown interrupts what still runs, waits for the pool within
 *       {@link RunnerConfig#shutdownGrace()}, and reports threads that did not finish.
 * </ul>
 *
 * {@snippet :
 * byte[] digest = Offload.run("hash upload", () -> sha256(Files.readAllBytes(path)));
 * }
 *
 * <p>Thread-safety: call it from any task of a running runner.
 */
public final class Offload {
    private Offload() {
    }

    /**
     * Runs {@code work} on the offload pool and waits for its result. Blocking; cancellable.
     *
     * @param <T> the result type
     * @param description what the work is, quoted in reports
     * @param work the work
     * @return what {@code work} returned
     * @throws CancelledException if the calling task is cancelled while waiting
     * @throws TaskFailedException if {@code work} threw a checked exception (it is the cause)
     * @throws ClosedException if the runner is shutting down
     * @throws IllegalStateException if the caller is not a task of a running runner (on a loop
     *     thread, waiting would block the loop)
     */
    public static <T> T run(String description, TaskBody<T> work) {
        return OffloadPool.run(Objects.requireNonNull(description, "description"),
                Objects.requireNonNull(work, "work"));
    }

    /**
     * Runs {@code work} on the offload pool and waits for its result, described by its class.
     * Blocking; cancellable.
     *
     * @param <T> the result type
     * @param work the work
     * @return what {@code work} returned
     * @throws CancelledException if the calling task is cancelled while waiting
     * @throws TaskFailedException if {@code work} threw a checked exception (it is the cause)
     * @throws ClosedException if the runner is shutting down
     * @throws IllegalStateException if the caller is not a task of a running runner
     */
    public static <T> T run(TaskBody<T> work) {
        Objects.requireNonNull(work, "work");
        return OffloadPool.run(describe(work), work);
    }

    /**
     * Runs {@code work}, which returns nothing, on the offload pool and waits for it. Blocking;
     * cancellable.
     *
     * @param description what the work is, quoted in reports
     * @param work the work
     * @throws CancelledException if the calling task is cancelled while waiting
     * @throws TaskFailedException if {@code work} threw a checked exception (it is the cause)
     * @throws ClosedException if the runner is shutting down
     * @throws IllegalStateException if the caller is not a task of a running runner
     */
    public static void run(String description, VoidBody work) {
        Objects.requireNonNull(work, "work");
        OffloadPool.run(Objects.requireNonNull(description, "description"), Bodies.of(work));
    }

    private static String describe(Object work) {
        String n = work.getClass().getName();
        int lambda = n.indexOf("$$Lambda");
        return lambda > 0 ? "lambda in " + n.substring(0, lambda) : n;
    }
}
