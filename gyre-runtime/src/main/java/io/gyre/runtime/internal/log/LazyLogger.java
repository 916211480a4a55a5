package io.gyre.runtime.internal.log;

import java.util.ResourceBundle;
import java.util.function.Function;

/**
 * Gyre's loggers: each finds its backend on first use, and the process's log set-up (the level,
 * the console format) runs just before the first record of any of them.
 *
 * <p>Thread-safety: safe from any thread.
 */
public final class LazyLogger implements System.Logger {
    /*
     * Overview: System.getLogger finds the logging backend and, with java.util.logging, reads its
     * configuration and builds its handlers; applying a level or a format does the same. That
     * costs tens of milliseconds of class loading, which start-up should not pay before a server
     * listens, and which a runner that reports nothing should never pay. So every Gyre logger
     * (the runtime's reports, the server's records) is made on first use, and a set-up handed to
     * setUp(...) (the server's level and format) is kept until the first record of any Gyre
     * logger and run just before it.
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
    private final Function<String, System.Logger> backend;
    private volatile System.Logger delegate;

    LazyLogger(String name, Function<String, System.Logger> backend) {
        this.name = name;
        this.backend = backend;
    }

    /**
     * Returns the logger named {@code name}; nothing is looked up until it is used.
     *
     * @param name the logger's name, e.g. {@code io.gyre.server}
     * @return the logger
     */
    public static LazyLogger named(String name) {
        // A lambda, not System::getLogger: a method reference to a caller-sensitive method is
        // bound through a hidden class spun for the caller, ~30 ms on the start-up path.
        return new LazyLogger(name, n -> System.getLogger(n));
    }

    /**
     * Runs {@code setup} before the first record of any Gyre logger, or now if one was used
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

    /** Runs the pending set-up, if any; afterwards set-ups run at once. */
    static void ready() {
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
            d = backend.apply(name);
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
