package io.gyre.runtime.internal;

import io.gyre.runtime.Report;
import java.util.function.Consumer;

/** Where reports go when no runner is involved. */
final class Reports {
    /** Logs a report; the logger is made on first use (setting up logging is slow, see RunnerConfig). */
    static final Consumer<Report> LOGGER = r -> Log.LOG.log(System.Logger.Level.WARNING, r.describe());

    private Reports() {
    }

    /** Holds the logger; initialised on first use. */
    private static final class Log {
        static final System.Logger LOG = System.getLogger("io.gyre.runtime");
    }
}
