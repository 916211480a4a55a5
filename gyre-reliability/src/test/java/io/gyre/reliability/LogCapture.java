package io.gyre.reliability;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Captures what the server logs (java.util.logging under "io.gyre"), keeping the console quiet. */
final class LogCapture extends Handler implements AutoCloseable {
    private final Logger logger = Logger.getLogger("io.gyre");
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    private LogCapture() {
    }

    static LogCapture start() {
        LogCapture c = new LogCapture();
        c.logger.setUseParentHandlers(false);
        c.logger.addHandler(c);
        return c;
    }

    @Override
    public void publish(LogRecord r) {
        records.add(r);
    }

    /** The records at WARNING or above, rendered one a line with their exception. */
    List<String> problems() {
        return records.stream().filter(r -> r.getLevel().intValue() >= Level.WARNING.intValue())
                .map(r -> r.getLevel() + " " + r.getMessage() + (r.getThrown() == null ? "" : " " + r.getThrown()))
                .toList();
    }

    void clear() {
        records.clear();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setUseParentHandlers(true);
    }
}
