package io.gyre.runtime.internal;

import io.gyre.runtime.ClosedException;
import io.gyre.runtime.ExitStatus;
import io.gyre.runtime.Loop;
import io.gyre.runtime.Report;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Proxy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A runner's process signal handlers: SIGINT/SIGTERM shut the runner down (the second one forces
 * the exit), SIGUSR2 reports a task dump, and user callbacks run as loop callbacks.
 */
final class SignalHub {
    /*
     * Overview: handlers are installed through sun.misc.Signal (module jdk.unsupported), reached
     * with method handles so that the build stays free of its proprietary-API warning. The JVM
     * runs a handler on a fresh platform thread per signal; the handler only reports, cancels
     * the main task, or posts callbacks to a loop, except the forcing one, which reports what
     * still runs and exits the process. The previous handlers are restored when the runner
     * closes.
     *
     * Threads: `installed` is guarded by `this`; `callbacks` and `shutdownSignals` are concurrent.
     */
    static final String DUMP_SIGNAL = "USR2";

    private static final MethodHandle NEW_SIGNAL;
    private static final MethodHandle HANDLE;
    private static final Class<?> HANDLER;
    private static final Throwable UNAVAILABLE;

    static {
        MethodHandle newSignal = null;
        MethodHandle handle = null;
        Class<?> handler = null;
        Throwable unavailable = null;
        try {
            MethodHandles.Lookup l = MethodHandles.publicLookup();
            Class<?> signal = Class.forName("sun.misc.Signal");
            handler = Class.forName("sun.misc.SignalHandler");
            newSignal = l.findConstructor(signal, MethodType.methodType(void.class, String.class));
            handle = l.findStatic(signal, "handle", MethodType.methodType(handler, signal, handler));
        } catch (ReflectiveOperationException | RuntimeException e) {
            unavailable = e;
        }
        NEW_SIGNAL = newSignal;
        HANDLE = handle;
        HANDLER = handler;
        UNAVAILABLE = unavailable;
    }

    private final RuntimeCore core;
    private final Map<String, Object> installed = new LinkedHashMap<>();
    private final Map<String, List<Runnable>> callbacks = new ConcurrentHashMap<>();
    private final AtomicInteger shutdownSignals = new AtomicInteger();
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
        Object handler = Proxy.newProxyInstance(SignalHub.class.getClassLoader(), new Class<?>[] {HANDLER},
                (proxy, method, args) -> switch (method.getName()) {
                    case "handle" -> {
                        received(name);
                        yield null;
                    }
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> "gyre signal handler for SIG" + name;
                });
        try {
            Object previous = HANDLE.invoke(NEW_SIGNAL.invoke(name), handler);
            installed.put(name, previous);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot handle signal SIG" + name + ": " + e.getMessage()
                    + ". SIGQUIT belongs to the JVM (thread dumps), SIGKILL and SIGSTOP cannot be handled;"
                    + " use for example SIGHUP or SIGUSR1.", e);
        } catch (Throwable e) {
            throw new IllegalStateException("internal error: installing a handler for SIG" + name + " failed"
                    + " (please report)", e);
        }
    }

    synchronized void uninstall() {
        for (Map.Entry<String, Object> e : installed.entrySet()) {
            try {
                HANDLE.invoke(NEW_SIGNAL.invoke(e.getKey()), e.getValue());
            } catch (Throwable ignored) {
                // the process is on its way out; the JVM's own handling stays in place
            }
        }
        installed.clear();
        callbacks.clear();
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

    private void shutdownSignal(String sig) {
        if (shutdownSignals.incrementAndGet() == 1) {
            core.report(new Report.SignalReceived(sig, "runner '" + core.config().name() + "' is shutting down"
                    + " gracefully (the main task is cancelled); send it again to force the exit"));
            core.requestShutdown(sig + " received");
            return;
        }
        core.report(new Report.SignalReceived(sig, "forcing the exit of runner '" + core.config().name()
                + "': reporting what still runs, then exiting with code " + ExitStatus.FORCED.code()));
        core.services().reportLeftovers("when a second " + sig + " forced the exit");
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().exit(ExitStatus.FORCED.code());
    }
}
