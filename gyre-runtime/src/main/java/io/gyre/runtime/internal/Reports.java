package io.gyre.runtime.internal;

import io.gyre.runtime.Report;
import io.gyre.runtime.internal.log.LazyLogger;
import java.util.function.Consumer;

/** Where reports go by default: the {@code io.gyre.runtime} logger, made on the first report. */
public final class Reports {
    private static final System.Logger LOG = LazyLogger.named("io.gyre.runtime");

    /** Logs a report at WARNING; the default {@code RunnerConfig} reporter and the one without a runner. */
    public static final Consumer<Report> LOGGER = r -> LOG.log(System.Logger.Level.WARNING, r.describe());

    private Reports() {
    }
}
