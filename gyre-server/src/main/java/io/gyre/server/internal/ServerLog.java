package io.gyre.server.internal;

import java.util.ResourceBundle;

/**
 * A server logger that finds its backend on first use, and the log set-up (the configured level)
 * that runs before the first server record.
 *
 * <p>Thread-safety: safe from any thread.
 */
public final class ServerLog implements System.Logger {
    /*
     * Overview: System.getLogger finds the logging backend and, with java.util.logging, reads
     * its configuration and builds its handlers; applying a level does the same. That costs tens
     * of milliseconds of class loading, which start-up should not pay before the listener is up.
     * So the server's loggers are made on first use, and HttpServer.run() hands its level
     * set-up to setUp(...), which keeps it until the first record (normally the "listening"
     * line, logged once the acceptor is registered) and runs it just before.
     *
     * The JDK's caller inference skips frames of System.Logger implementations, so records still
     * name the class that logged, not this one.
     *
     * Threads: `pending` and `used` are guarded by LOCK, which is also held while the set-up
     * runs, so that no record is logged before it finished; `delegate` is published through a
     * volatile write (making it twice is harmless: the backend caches its loggers).
     */
    private static final Object LOCK = new Object();
    private static Runnable pending;
    private static boolean used;

    private final String name;
    private volatile System.Logger delegate;

    private ServerLog(String name) {
        this.name = name;
    }

    /**
     * Returns the logger named {@code name}; nothing is looked up until it is used.
     *
     * @param name the logger's name, e.g. {@code io.gyre.server}
     * @return the logger
     */
    public static ServerLog named(String name) {
        return new ServerLog(name);
    }

    /**
     * Runs {@code setup} before the first server record, or now if a server logger was used
     * already. A later call replaces a set-up that has not run yet.
     *
     * @param setup what configures the backend, e.g. the log level
     */
    public static void setUp(Runnable setup) {
        synchronized (LOCK) {
            if (!used) {
                pending = setup;
                return;
            }
            setup.run();
        }
    }

    /** Runs the pending set-up, if any; afterwards set-ups run at once. Call before logging elsewhere. */
    public static void ready() {
        synchronized (LOCK) {
            used = true;
            Runnable r = pending;
            pending = null;
            if (r != null) {
                r.run();
            }
        }
    }

    /** Tells whether a set-up waits for the first record; for tests. */
    static boolean setUpPending() {
        synchronized (LOCK) {
            return pending != null;
        }
    }

    private System.Logger delegate() {
        System.Logger d = delegate;
        if (d == null) {
            ready();
            d = System.getLogger(name);
            delegate = d;
        }
        return d;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public boolean isLoggable(Level level) {
        return delegate().isLoggable(level);
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
        delegate().log(level, bundle, msg, thrown);
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
        delegate().log(level, bundle, format, params);
    }
}
