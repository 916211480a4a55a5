package io.gyre.testing.web;

import java.io.Serial;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * Records what gyre-web logs (SLF4J, through {@link QuietLogging}) and what the server logs
 * ({@code java.util.logging} under {@code io.gyre}) while it is open, and keeps both off the
 * console. Without an open capture the SLF4J loggers are disabled, as a no-op backend's are.
 */
final class LogCapture implements AutoCloseable {
    /** One record: level, logger, formatted message and the exception's text, if any. */
    record Entry(String level, String logger, String message, String thrown) {
        @Override
        public String toString() {
            return level + " " + logger + ": " + message + (thrown.isEmpty() ? "" : " [" + thrown + "]");
        }
    }

    private static final List<LogCapture> OPEN = new CopyOnWriteArrayList<>();

    private final List<Entry> entries = new CopyOnWriteArrayList<>();
    private final Logger server = Logger.getLogger("io.gyre");
    private final Handler serverHandler = new Handler() {
        @Override
        public void publish(LogRecord r) {
            entries.add(new Entry(r.getLevel().getName(), r.getLoggerName(), String.valueOf(r.getMessage()),
                    r.getThrown() == null ? "" : r.getThrown().toString()));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private LogCapture() {
    }

    static LogCapture start() {
        LogCapture capture = new LogCapture();
        capture.server.setUseParentHandlers(false);
        capture.server.addHandler(capture.serverHandler);
        OPEN.add(capture);
        return capture;
    }

    List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** The records at ERROR (SLF4J) or SEVERE/WARNING (the server's java.util.logging). */
    List<Entry> problems() {
        return entries.stream().filter(e -> e.level().equals("ERROR") || e.level().equals("WARN")
                || e.level().equals("SEVERE") || e.level().equals("WARNING")).toList();
    }

    @Override
    public void close() {
        OPEN.remove(this);
        server.removeHandler(serverHandler);
        server.setUseParentHandlers(true);
    }

    /** The logger the tests' SLF4J backend hands out for {@code name}. */
    static org.slf4j.Logger logger(String name) {
        return new Recording(name);
    }

    private static final class Recording extends LegacyAbstractLogger {
        @Serial
        private static final long serialVersionUID = 1L;

        Recording(String name) {
            this.name = name;
        }

        private static boolean on() {
            return !OPEN.isEmpty();
        }

        @Override
        public boolean isTraceEnabled() {
            return false;
        }

        @Override
        public boolean isDebugEnabled() {
            return on();
        }

        @Override
        public boolean isInfoEnabled() {
            return on();
        }

        @Override
        public boolean isWarnEnabled() {
            return on();
        }

        @Override
        public boolean isErrorEnabled() {
            return on();
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
                Throwable throwable) {
            String message = MessageFormatter.basicArrayFormat(pattern, arguments);
            Entry entry = new Entry(level.name(), name, message, throwable == null ? "" : throwable.toString());
            for (LogCapture capture : OPEN) {
                capture.entries.add(entry);
            }
        }
    }
}
