package io.gyre.runtime.internal;

import io.gyre.runtime.CancelledException;
import io.gyre.runtime.ExitStatus;
import io.gyre.runtime.Report;
import io.gyre.runtime.TaskBody;
import io.gyre.runtime.TaskFailedException;

/** Runs a main task as the process's main function and maps how it ended to an exit status. */
public final class MainRun {
    private MainRun() {
    }

    /**
     * Runs {@code main} with signal handling on and maps the outcome; failures are reported.
     *
     * @param core the runner
     * @param main the main function
     * @return the exit status
     */
    public static ExitStatus run(RuntimeCore core, TaskBody<?> main) {
        core.services().handleSignals();
        try {
            core.run(main);
            return ExitStatus.CLEAN;
        } catch (CancelledException e) {
            if (core.shutdownReason() != null) {
                return ExitStatus.CLEAN;
            }
            report(core, e);
            return ExitStatus.FAILED;
        } catch (Throwable t) {
            report(core, t instanceof TaskFailedException && t.getCause() != null ? t.getCause() : t);
            return ExitStatus.FAILED;
        }
    }

    private static void report(RuntimeCore core, Throwable failure) {
        core.report(new Report.TaskFailed("main", core.root().name(), "the runner's main function", failure,
                "running"));
    }
}
