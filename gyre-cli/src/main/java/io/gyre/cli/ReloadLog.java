package io.gyre.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The reloader's lines on standard error, in the server's console format, so that they read
 * together with the app's own log: {@code 2026-11-22T09:15:02.118Z INFO    io.gyre.cli.reload: ...}.
 */
final class ReloadLog {
    private static final String LOGGER = "io.gyre.cli.reload";

    private ReloadLog() {
    }

    static void info(PrintWriter err, String message) {
        line(err, "INFO   ", message);
    }

    static void warning(PrintWriter err, String message) {
        line(err, "WARNING", message);
    }

    private static void line(PrintWriter err, String level, String message) {
        String time = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
        synchronized (err) {
            err.println(time + " " + level + " " + LOGGER + ": " + message);
            err.flush();
        }
    }
}
