package io.gyre.runtime;

import io.gyre.runtime.internal.Bodies;
import io.gyre.runtime.internal.MainRun;
import io.gyre.runtime.internal.RuntimeCore;
import java.util.Optional;

/**
 * Runs a main task to completion, then shuts the runtime down in order: asyncio's
 * {@code Runner}.
 *
 * <p>{@link #run} starts the loops, runs {@code main} as the root task and, when it has ended,
 * cancels leftover tasks (of {@link #root()} and of open {@link Supervisor}s), waits for them
 * within {@link RunnerConfig#shutdownGrace()}, reports the ones that did not end (name, state,
 * creation site, current stack) and failures that happened during shutdown (reported, not
 * thrown), then closes the loops. A runner runs once.
 *
 * {@snippet :
 * int code = Runner.create(RunnerConfig.builder().name("crawler").build())
 *         .run(() -> crawl(List.of("a", "b")));
 * }
 *
 * <p>Thread-safety: {@link #run} is called once, from a thread that is not a Gyre task.
 */
public final class Runner {
    private final RuntimeCore core;

    private Runner(RunnerConfig config) {
        this.core = new RuntimeCore(config, this);
    }

    /**
     * Creates a runner with the given configuration.
     *
     * @param config the configuration
     * @return a runner that has not run yet
     */
    public static Runner create(RunnerConfig config) {
        return new Runner(config);
    }

    /**
     * Creates a runner with the default configuration.
     *
     * @return a runner that has not run yet
     */
    public static Runner create() {
        return new Runner(RunnerConfig.defaults());
    }

    /**
     * Returns the runner whose task or loop is calling.
     *
     * @return the running runner, or empty outside Gyre
     */
    public static Optional<Runner> current() {
        RuntimeCore core = RuntimeCore.current();
        return core == null ? Optional.empty() : Optional.of(core.runner());
    }

    /**
     * Runs {@code main} as the root task, then performs the ordered shutdown. Blocking.
     *
     * @param <T> the result type
     * @param main the main function
     * @return what {@code main} returned
     * @throws TaskFailedException if {@code main} failed (its failure is the cause); an unchecked
     *     failure of {@code main} is rethrown as it is
     * @throws CancelledException if {@code main} was cancelled
     * @throws IllegalStateException if this runner already ran, or if called inside a running
     *     runner
     */
    public <T> T run(TaskBody<T> main) {
        return core.run(main);
    }

    /**
     * Runs {@code main}, which returns nothing, as the root task, then performs the ordered
     * shutdown. Blocking. See {@link #run(TaskBody)}.
     *
     * @param main the main function
     * @throws TaskFailedException if {@code main} failed with a checked exception (the cause)
     * @throws CancelledException if {@code main} was cancelled
     * @throws IllegalStateException if this runner already ran, or if called inside a running
     *     runner
     */
    public void run(VoidBody main) {
        run(Bodies.of(main));
    }

    /**
     * Runs {@code main} as the process's main function: like {@link #run}, with SIGINT/SIGTERM
     * and SIGUSR1 handled whatever {@link RunnerConfig#handleSignals()} says, and without
     * throwing: a failure of {@code main} is reported and becomes {@link ExitStatus#FAILED}. A
     * second SIGINT/SIGTERM exits the process with {@link ExitStatus#FORCED} from the signal
     * handler. Blocking.
     *
     * @param main the main function
     * @return how it ended
     * @see ExitStatus
     */
    public ExitStatus runForStatus(TaskBody<?> main) {
        return MainRun.run(core, main);
    }

    /**
     * Runs {@code main}, which returns nothing, as the process's main function: see
     * {@link #runForStatus(TaskBody)}.
     *
     * @param main the main function
     * @return how it ended
     */
    public ExitStatus runForStatus(VoidBody main) {
        return runForStatus(Bodies.of(main));
    }

    /**
     * Runs {@code main} as the process's main function (see {@link #runForStatus}), then exits
     * the JVM with the status code: 0 clean (also after a graceful signal-driven shutdown), 1
     * failed, 3 forced by a second signal. Does not return.
     *
     * {@snippet :
     * public static void main(String[] args) {
     *     Runner.create().runAndExit(() -> serve(args));
     * }
     * }
     *
     * @param main the main function
     */
    public void runAndExit(TaskBody<?> main) {
        int code = runForStatus(main).code();
        System.out.flush();
        System.err.flush();
        System.exit(code);
    }

    /**
     * Runs {@code main}, which returns nothing, as the process's main function, then exits the
     * JVM with the status code: see {@link #runAndExit(TaskBody)}. Does not return.
     *
     * @param main the main function
     */
    public void runAndExit(VoidBody main) {
        runAndExit(Bodies.of(main));
    }

    /**
     * Takes a snapshot of every live task of this runner: name, state, owning scope, age,
     * creation site and current stack, asyncio's {@code all_tasks()} with stacks.
     *
     * @return the dump; empty when the runner is not running
     */
    public TaskDump dump() {
        return core.services().dump();
    }

    /**
     * Returns the configuration.
     *
     * @return the configuration
     */
    public RunnerConfig config() {
        return core.config();
    }

    /**
     * Returns the I/O loops, started while the runner runs.
     *
     * @return the loop group
     */
    public LoopGroup loops() {
        return core.loops();
    }

    /**
     * Returns the runner's root scope: a supervising scope whose tasks live until the main task
     * ends, then are cancelled by the shutdown. Failures go to the reporter.
     *
     * @return the root scope
     */
    public Scope root() {
        return core.root();
    }

    /**
     * Requests shutdown: the main task is cancelled with {@code reason}. Idempotent.
     *
     * @param reason why, e.g. "SIGTERM received"
     */
    public void shutdown(String reason) {
        core.requestShutdown(reason);
    }

    /**
     * Returns the runner's name.
     *
     * @return the name
     */
    public String name() {
        return core.config().name();
    }

    @Override
    public String toString() {
        return "Runner[" + name() + "]";
    }
}
