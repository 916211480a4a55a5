package io.gyre.runtime;

import io.gyre.runtime.internal.RuntimeCore;
import java.util.Objects;

/**
 * Process signal callbacks, asyncio's {@code loop.add_signal_handler}: the callback runs as an
 * ordinary callback on the runner's first loop each time the signal arrives, until the
 * subscription is closed or the runner has shut down.
 *
 * {@snippet :
 * try (Signals.Subscription reload = Signals.on("HUP", () -> config.reload())) {
 *     serveForever();
 * }
 * }
 *
 * <p>The runner itself handles SIGINT and SIGTERM (graceful shutdown, then a forced exit on the
 * second one) and SIGUSR1 (a {@link TaskDump} report) when it runs with
 * {@link Runner#runAndExit} or {@link RunnerConfig#handleSignals()}; callbacks registered for
 * those signals run in addition. SIGQUIT belongs to the JVM (its thread dump), and SIGKILL and
 * SIGSTOP cannot be caught. One runner per process should handle signals.
 *
 * <p>Thread-safety: safe from any task or loop thread of a running runner.
 */
public final class Signals {
    private Signals() {
    }

    /** A registered signal callback; closing it unregisters the callback. */
    public interface Subscription extends AutoCloseable {
        /** Unregisters the callback. Idempotent. */
        @Override
        void close();
    }

    /**
     * Runs {@code callback} on the runner's first loop whenever {@code signal} arrives. The
     * callback must not block (it is a loop callback); spawn a task for longer work.
     *
     * @param signal the signal's name, with or without the {@code SIG} prefix ({@code "HUP"},
     *     {@code "SIGUSR1"})
     * @param callback what to run
     * @return the subscription, to unregister the callback
     * @throws IllegalStateException if called outside a running runner
     * @throws IllegalArgumentException if the signal is unknown or reserved by the JVM
     */
    public static Subscription on(String signal, Runnable callback) {
        Objects.requireNonNull(signal, "signal");
        Objects.requireNonNull(callback, "callback");
        RuntimeCore core = RuntimeCore.current();
        if (core == null) {
            throw new IllegalStateException("Signals.on('" + signal + "') was called from thread '"
                    + Thread.currentThread().getName() + "', outside any Gyre runner. Register signal callbacks"
                    + " from the main task (or a task or loop callback of a running runner).");
        }
        Runnable remove = core.services().onSignal(signal, callback);
        return remove::run;
    }
}
