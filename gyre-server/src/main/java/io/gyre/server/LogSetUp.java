package io.gyre.server;

import io.gyre.server.internal.ConsoleFormat;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * The server's logging set-up with java.util.logging, the System.Logger default: applies the
 * configured level to Gyre's loggers and, where the logging is not configured, gives the console
 * Gyre's one-line format. {@link HttpServer#run()} does not call it at once: it runs just before
 * the first Gyre record (see {@code LazyLogger}), so that start-up does not wait for it.
 */
final class LogSetUp {
    /** The JDK's property for SimpleFormatter's format; set, it means the format is chosen. */
    private static final String FORMAT_PROPERTY = "java.util.logging.SimpleFormatter.format";
    /** Held so the configured level is not lost to garbage collection of the logger. */
    private static Logger gyre;

    private LogSetUp() {
    }

    static synchronized void apply(String level) {
        Level l = ConsoleFormat.level(level);
        gyre = Logger.getLogger("io.gyre");
        gyre.setLevel(l);
        boolean configured = System.getProperty("java.util.logging.config.file") != null
                || System.getProperty("java.util.logging.config.class") != null
                || System.getProperty(FORMAT_PROPERTY) != null
                || LogManager.getLogManager().getProperty(FORMAT_PROPERTY) != null;
        for (Handler h : Logger.getLogger("").getHandlers()) {
            if (h.getLevel().intValue() > l.intValue()) {
                h.setLevel(l);
            }
            if (!configured) {
                useConsoleFormat(h);
            }
        }
    }

    /** Gives a console handler that has the JDK's default formatter Gyre's format; leaves any other alone. */
    static void useConsoleFormat(Handler h) {
        if (h instanceof ConsoleHandler && h.getFormatter().getClass() == SimpleFormatter.class) {
            h.setFormatter(new ConsoleFormat());
        }
    }
}
