package io.gyre.server;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The records a logger publishes while a test runs, kept off the console (expected failures
 * print no stack traces). Installed on creation, removed by {@link #close()}.
 */
final class LogRecords extends Handler implements AutoCloseable {
    private final Logger logger;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Object published = new Object();

    private LogRecords(Logger logger) {
        this.logger = logger;
        logger.setUseParentHandlers(false);
        logger.addHandler(this);
    }

    /** Captures what {@code io.gyre.server} logs. */
    static LogRecords ofServer() {
        return new LogRecords(Logger.getLogger("io.gyre.server"));
    }

    @Override
    public void publish(LogRecord r) {
        records.add(r);
        synchronized (published) {
            published.notifyAll();
        }
    }

    /** Every record so far. */
    List<LogRecord> all() {
        return List.copyOf(records);
    }

    /** Forgets the records so far. */
    void clear() {
        records.clear();
    }

    /** Waits (bounded) for a record that {@code matches}; empty if none came within {@code timeout}. */
    Optional<LogRecord> await(Predicate<LogRecord> matches, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (published) {
            while (true) {
                Optional<LogRecord> found = records.stream().filter(matches).findFirst();
                long left = deadline - System.nanoTime();
                if (found.isPresent() || left <= 0) {
                    return found;
                }
                published.wait(Math.max(1, left / 1_000_000));
            }
        }
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
