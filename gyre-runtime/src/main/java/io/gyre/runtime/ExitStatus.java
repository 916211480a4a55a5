package io.gyre.runtime;

/**
 * How a process run by {@link Runner#runAndExit} ended, and the exit code it reports.
 *
 * <ul>
 *   <li>{@link #CLEAN} (0): the main task returned, or a shutdown was requested (SIGINT,
 *       SIGTERM, {@link Runner#shutdown(String)}) and the main task then ended by returning or
 *       by letting its {@link CancelledException} propagate. Like a server that stops on SIGTERM,
 *       a graceful signal-driven stop is a success.
 *   <li>{@link #FAILED} (1): the main task failed (its failure is reported), or it was
 *       cancelled without a shutdown request, or the runner could not run.
 *   <li>{@link #FORCED} (3): a second SIGINT/SIGTERM arrived before the shutdown finished; what
 *       was still running was reported and the process exited at once.
 * </ul>
 */
public enum ExitStatus {
    /** Ended normally or by a requested graceful shutdown: code 0. */
    CLEAN(0),
    /** The main task failed: code 1. */
    FAILED(1),
    /** A second signal forced the exit: code 3. */
    FORCED(3);

    private final int code;

    ExitStatus(int code) {
        this.code = code;
    }

    /**
     * Returns the process exit code.
     *
     * @return 0, 1 or 3
     */
    public int code() {
        return code;
    }
}
