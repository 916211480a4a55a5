package io.gyre.server.internal;

import io.gyre.server.internal.http.HttpDate;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * Gyre's console format for java.util.logging: one line per record, an UTC timestamp, the level in
 * the words of {@code --log-level}, the logger and the message, then the failure's stack if any:
 *
 * <pre>2026-11-22T09:15:02.118Z INFO    io.gyre.server: Gyre server listening on http://127.0.0.1:8000</pre>
 *
 * <p>Unlike the JDK's two-line default it loads no date-time or {@code java.util.Formatter} classes, so
 * the first record (a server's "listening" line) costs no class loading on a starting server.
 *
 * <p>Thread-safety: stateless; safe from any thread.
 */
public final class ConsoleFormat extends Formatter {
    @Override
    public String format(LogRecord r) {
        StringBuilder b = new StringBuilder(96);
        appendUtc(b, r.getMillis());
        String level = levelName(r.getLevel());
        b.append(' ').append(level);
        for (int i = level.length(); i < 7; i++) {
            b.append(' ');
        }
        b.append(' ').append(r.getLoggerName()).append(": ");
        Object[] params = r.getParameters();
        b.append(params == null || params.length == 0 ? r.getMessage() : formatMessage(r));
        b.append(System.lineSeparator());
        Throwable thrown = r.getThrown();
        if (thrown != null) {
            StringWriter trace = new StringWriter();
            thrown.printStackTrace(new PrintWriter(trace));
            b.append(trace);
        }
        return b.toString();
    }

    /*
     * The --log-level names and the JDK levels, both ways, here together: the server sets its
     * level with level(...) and this format names each record's level with levelName(...).
     */

    /**
     * The JDK level of a {@code --log-level} name.
     *
     * @param logLevel error, warning, info, debug or trace (anything else is info)
     * @return the level
     */
    public static Level level(String logLevel) {
        return switch (logLevel) {
            case "error" -> Level.SEVERE;
            case "warning" -> Level.WARNING;
            case "debug" -> Level.FINE;
            case "trace" -> Level.FINEST;
            default -> Level.INFO;
        };
    }

    /** The level in the words of {@code --log-level}; levels Gyre does not use keep their JDK name. */
    static String levelName(Level level) {
        int v = level.intValue();
        if (v == Level.SEVERE.intValue()) {
            return "ERROR";
        } else if (v == Level.WARNING.intValue()) {
            return "WARNING";
        } else if (v == Level.INFO.intValue()) {
            return "INFO";
        } else if (v == Level.FINE.intValue()) {
            return "DEBUG";
        } else if (v == Level.FINER.intValue() || v == Level.FINEST.intValue()) {
            return "TRACE";
        }
        return level.getName();
    }

    /** Appends {@code millis} since the epoch as {@code yyyy-mm-ddThh:mm:ss.mmmZ}. */
    static void appendUtc(StringBuilder b, long millis) {
        long date = HttpDate.civilDate(Math.floorDiv(millis, 86_400_000L));
        long ms = Math.floorMod(millis, 86_400_000L);
        pad(b, date / 10_000, 4).append('-');
        pad(b, date / 100 % 100, 2).append('-');
        pad(b, date % 100, 2).append('T');
        pad(b, ms / 3_600_000, 2).append(':');
        pad(b, ms / 60_000 % 60, 2).append(':');
        pad(b, ms / 1_000 % 60, 2).append('.');
        pad(b, ms % 1_000, 3).append('Z');
    }

    private static StringBuilder pad(StringBuilder b, long value, int width) {
        String s = Long.toString(value);
        for (int i = s.length(); i < width; i++) {
            b.append('0');
        }
        return b.append(s);
    }
}
