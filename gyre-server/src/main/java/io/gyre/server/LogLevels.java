package io.gyre.server;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Applies the configured log level to Gyre's loggers (java.util.logging, the System.Logger
 * default). {@link HttpServer#run()} does not call it at once: it runs just before the first
 * server record (see {@code ServerLog}), so that start-up does not wait for the logging set-up.
 */
final class LogLevels {
    /** Held so the configured level is not lost to garbage collection of the logger. */
    private static Logger gyre;

    private LogLevels() {
    }

    static synchronized void apply(String level) {
        Level l = switch (level) {
            case "error" -> Level.SEVERE;
            case "warning" -> Level.WARNING;
            case "debug" -> Level.FINE;
            case "trace" -> Level.FINEST;
            default -> Level.INFO;
        };
        gyre = Logger.getLogger("io.gyre");
        gyre.setLevel(l);
        for (var h : Logger.getLogger("").getHandlers()) {
            if (h.getLevel().intValue() > l.intValue()) {
                h.setLevel(l);
            }
        }
    }
}
