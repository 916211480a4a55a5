package io.gyre.runtime.internal;

import io.gyre.runtime.ClosedException;
import io.gyre.runtime.ExitStatus;
import io.gyre.runtime.Loop;
import io.gyre.runtime.Report;
import java.lang.invoke.LambdaConversionException;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A runner's process signal handlers: SIGINT/SIGTERM shut the runner down (the second one forces
 * the exit), SIGUSR1 reports a task dump, and user callbacks run as loop callbacks.
 */
final class SignalHub {
    /*
     * Overview: handlers are installed through sun.misc.Signal (module jdk.unsupported), reached
     * with method handles: javac flags every use of a jdk.unsupported type by name with a
     * proprietary-API warning that no option or annotation silences. The handler object is made
     * by LambdaMetafactory, as javac makes a lambda, bound to (this hub, signal name): a
     * java.lang.reflect.Proxy would do too, but generating a proxy class (and its dynamic module)
     * costs tens of milliseconds at start-up, where the lambda machinery is already warm. The JVM
     * runs a handler on a fresh platform thread per signal; the handler only reports, cancels
     * the main task, or posts callbacks to a loop, except the forcing one, which reports what
     * still runs and exits the process. The previous handlers are restored when the runner
     * closes.
     *
     * A signal may come when classes can no longer be loaded (the jars were written over in
     * place by a deploy): the exit code is read at construction, the first signal requests the
     * shutdown before it reports (a report that fails or blocks, in the app's reporter, must not
     * keep the shutdown from starting), a failure says in one line what failed and whether to
     * send the signal again, and the forcing signal exits whatever its report throws (a third one
     * halts, since an exit that waits for shutdown hooks cannot be exited again). The runner's
     * close waits (bounded) for the first signal's report, so a shutdown that ends quickly does
     * not exit before the line saying why is written.
     *
     * Threads: `installed` is guarded by `this`; `callbacks`, `shutdownSignals` and
     * `firstHandled` are concurrent.
     */
    static final String DUMP_SIGNAL = "USR1";

    /** {@code new Signal(String)}, typed {@code (String)Object}. */
    private static final MethodHandle NEW_SIGNAL;
    /** {@code Signal.handle(Signal, SignalHandler)}, typed {@code (Object, Object)Object}. */
    private static final MethodHandle HANDLE;
    /** Makes a {@code SignalHandler} from {@code (SignalHub, String)}: {@code (hub, name) -> hub.received(name)}. */
    private static final MethodHandle NEW_HANDLER;
    private static final Throwable UNAVAILABLE;

    static {
        MethodHandle newSignal = null;
        MethodHandle handle = null;
        MethodHandle newHandler = null;
        Throwable unavailable = null;
        try {
            MethodHandles.Lookup pub = MethodHandles.publicLookup();
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handler = Class.forName("sun.misc.SignalHandler");
            newSignal = pub.findConstructor(signal, MethodType.methodType(void.class, String.class))
                    .asType(MethodType.methodType(Object.class, String.class));
            handle = pub.findStatic(signal, "handle", MethodType.methodType(handler, signal, handler))
                    .asType(MethodType.methodType(Object.class, Object.class, Object.class));
            MethodHandles.Lookup own = MethodHandles.lookup();
            MethodHandle impl = own.findVirtual(SignalHub.class, "received",
                    MethodType.methodType(void.class, String.class, Object.class));
            MethodType handleType = MethodType.methodType(void.class, signal);
            newHandler = LambdaMetafactory.metafactory(own, "handle",
                    MethodType.methodType(handler, SignalHub.class, String.class), handleType, impl, handleType)
                    .getTarget().asType(MethodType.methodType(Object.class, SignalHub.class, String.class));
        } catch (ReflectiveOperationException | LambdaConversionException | RuntimeException e) {
            unavailable = e;
        }
        NEW_SIGNAL = newSignal;
        HANDLE = handle;
        NEW_HANDLER = newHandler;
        UNAVAILABLE = unavailable;
    }

    private final RuntimeCore core;
    private final Map<String, Object> installed = new LinkedHashMap<>();
    private final Map<String, List<Runnable>> callbacks = new ConcurrentHashMap<>();
    private final AtomicInteger shutdownSignals = new AtomicInteger();
    /** Counted down once the first shutdown signal was handled (cancel and report, each tried). */
    private final CountDownLatch firstHandled = new CountDownLatch(1);
    private final int forcedExit = ExitStatus.FORCED.code();
    private volatile boolean defaults;

    SignalHub(RuntimeCore core) {
        this.core = core;
    }

    /** The short name sun.misc.Signal wants ("TERM") for "TERM", "SIGTERM" or "sigterm". */
    static String shortName(String signal) {
        String s = signal.trim().toUpperCase(Locale.ROOT);
        return s.startsWith("SIG") ? s.substring(3) : s;
    }

    synchronized void installDefaults() {
        defaults = true;
        install("INT");
        install("TERM");
        install(DUMP_SIGNAL);
    }

    /** Adds a user callback for {@code signal}; returns the action that removes it. */
    Runnable on(String signal, Runnable callback) {
        String name = shortName(signal);
        List<Runnable> list = callbacks.computeIfAbsent(name, k -> new CopyOnWriteArrayList<>());
        list.add(callback);
        try {
            synchronized (this) {
                install(name);
            }
        } catch (RuntimeException e) {
            list.remove(callback);
            throw e;
        }
        return () -> list.remove(callback);
    }

    /** Under the monitor. */
    private void install(String name) {
        if (installed.containsKey(name)) {
            return;
        }
        if (UNAVAILABLE != null) {
            throw new UnsupportedOperationException("signal handling needs sun.misc.Signal from module"
                    + " jdk.unsupported, which this JVM does not provide: " + UNAVAILABLE, UNAVAILABLE);
        }
        try {
            Object handler = (Object) NEW_HANDLER.invokeExact(this, name);
            installed.put(name, swap(name, handler));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot handle signal SIG" + name + ": " + e.getMessage()
                    + ". SIGQUIT belongs to the JVM (thread dumps), SIGKILL and SIGSTOP cannot be handled;"
                    + " use for example SIGHUP or SIGUSR1.", e);
        } catch (Throwable e) {
            throw new IllegalStateException("internal error: installing a handler for SIG" + name + " failed"
                    + " (please report)", e);
        }
    }

    /** {@code Signal.handle(new Signal(name), handler)}: installs a handler, returns the previous one. */
    private static Object swap(String name, Object handler) throws Throwable {
        return (Object) HANDLE.invokeExact((Object) NEW_SIGNAL.invokeExact(name), handler);
    }

    synchronized void uninstall() {
        for (Map.Entry<String, Object> e : installed.entrySet()) {
            try {
                swap(e.getKey(), e.getValue());
            } catch (Throwable ignored) {
                // the process is on its way out; the JVM's own handling stays in place
            }
        }
        installed.clear();
        callbacks.clear();
    }

    /** The handler's {@code handle(Signal)}, bound to the signal's short name. */
    private void received(String name, Object signal) {
        received(name);
    }

    private void received(String name) {
        String sig = "SIG" + name;
        if (defaults && (name.equals("INT") || name.equals("TERM"))) {
            shutdownSignal(sig);
        } else if (defaults && name.equals(DUMP_SIGNAL)) {
            core.report(new Report.TaskDumpTaken(core.services().dump()));
        }
        List<Runnable> list = callbacks.get(name);
        if (list != null && !list.isEmpty()) {
            Loop loop = core.loops().loops().getFirst();
            for (Runnable cb : list) {
                try {
                    loop.callSoon("signal handler for " + sig, cb);
                } catch (ClosedException e) {
                    return; // the runner has closed its loops: nobody is left to run it
                }
            }
        }
    }

    /** Cancels the main task, then reports; each step runs whatever the other did. */
    private void firstSignal(String sig) {
        try {
            core.requestShutdown(sig + " received");
        } catch (Throwable t) {
            System.err.println("gyre: " + sig + " received, but cancelling the main task failed (" + t + "); send "
                    + sig + " again to force the exit");
        }
        try {
            core.report(new Report.SignalReceived(sig, "runner '" + core.config().name() + "' is shutting down"
                    + " gracefully (the main task is cancelled); send it again to force the exit"));
        } catch (Throwable t) {
            System.err.println("gyre: " + sig + " received and the graceful shutdown started, but its report failed ("
                    + t + ")");
        }
    }

    /** Waits up to {@code bound} for the first shutdown signal's report, if such a signal came. */
    void awaitFirstSignalHandled(Duration bound) {
        if (shutdownSignals.get() == 0) {
            return;
        }
        try {
            firstHandled.await(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the close goes on; only the report's line may be cut
        }
    }

    private void shutdownSignal(String sig) {
        int count = shutdownSignals.incrementAndGet();
        if (count == 1) {
            try {
                firstSignal(sig);
            } finally {
                firstHandled.countDown();
            }
            return;
        }
        if (count > 2) {
            Runtime.getRuntime().halt(forcedExit); // an exit is already under way and may wait on its hooks
        }
        try {
            core.report(new Report.SignalReceived(sig, "forcing the exit of runner '" + core.config().name()
                    + "': reporting what still runs, then exiting with code " + forcedExit));
            core.services().reportLeftovers("when a second " + sig + " forced the exit");
        } catch (Throwable t) {
            System.err.println("gyre: the report of what still runs failed (" + t + "); exiting with code " + forcedExit);
        } finally {
            System.out.flush();
            System.err.flush();
            Runtime.getRuntime().exit(forcedExit);
        }
    }
}
