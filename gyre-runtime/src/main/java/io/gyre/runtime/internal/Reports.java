package io.gyre.runtime.internal;

import io.gyre.runtime.Report;
import java.util.function.Consumer;

/** Where reports go when no runner is involved. */
final class Reports {
    private static final System.Logger LOG = System.getLogger("io.gyre.runtime");

    static final Consumer<Report> LOGGER = r -> LOG.log(System.Logger.Level.WARNING, r.describe());

    private Reports() {
    }
}
