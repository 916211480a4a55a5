package io.gyre.runtime.internal;

import io.gyre.runtime.RunnerConfig;
import io.gyre.runtime.TaskDump;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A runner's services around the core: the live-task registry (task dumps), the offload pool,
 * the blocked-loop watchdog, the pinned-thread watch and the signal handlers.
 */
public final class CoreServices {
    /*
     * Lifecycle: created with the core; start() runs after the loops started, shutdownOffload()
     * after the supervisors' shutdown, close() after the loops closed. `live` is concurrent
     * (tasks start and end on any thread); the other fields are written by start()/close() on
     * the runner's thread and by handleSignals() before run.
     */
    private final RuntimeCore core;
    private final RunnerConfig config;
    private final Set<TaskImpl<?>> live = ConcurrentHashMap.newKeySet();
    private final OffloadPool offload;
    private volatile boolean signalsWanted;
    private Watchdog watchdog;
    private volatile PinnedWatch pinned;
    /** Names of tasks that ended lately, kept while pins are watched: JFR reports up to ~1 s late. */
    private final Map<String, Boolean> recentlyEnded = new LinkedHashMap<>(64, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > 1024;
        }
    };
    private SignalHub signals;

    CoreServices(RuntimeCore core) {
        this.core = core;
        this.config = core.config();
        this.offload = new OffloadPool(config.name(), config.offloadThreads(), core::report);
        this.signalsWanted = config.handleSignals();
    }

    void taskStarted(TaskImpl<?> t) {
        live.add(t);
    }

    void taskEnded(TaskImpl<?> t) {
        live.remove(t);
        if (pinned != null) {
            synchronized (recentlyEnded) {
                recentlyEnded.put(t.name(), Boolean.TRUE);
            }
        }
    }

    OffloadPool offload() {
        return offload;
    }

    /** Makes the runner handle SIGINT/SIGTERM/SIGUSR1 whatever its configuration says. */
    public void handleSignals() {
        signalsWanted = true;
    }

    /**
     * Returns the signal hub, if the runner runs.
     *
     * @return the hub
     */
    synchronized SignalHub signals() {
        if (signals == null) {
            signals = new SignalHub(core);
        }
        return signals;
    }

    /**
     * Registers a user callback for a signal, run on the runner's first loop.
     *
     * @param signal the signal's name
     * @param callback the callback
     * @return the action that unregisters it
     */
    public Runnable onSignal(String signal, Runnable callback) {
        return signals().on(signal, callback);
    }

    synchronized void start() {
        if (signalsWanted) {
            signals().installDefaults();
        }
        if (!config.blockedThreshold().isZero()) {
            watchdog = new Watchdog(config.name() + "-watchdog", Watchdog.watched(core.loops().loops(), core.timers()),
                    config.blockedThreshold(), core::report);
            watchdog.start();
        }
        if (config.watchPinned()) {
            PinnedWatch p = new PinnedWatch(config.name() + "-jfr", config.pinnedThreshold(), core::report,
                    this::taskNamed);
            pinned = p;
            p.start();
        }
    }

    void shutdownOffload(long deadline) {
        offload.shutdown(deadline, "after the runner's shutdown grace of " + config.shutdownGrace().toMillis()
                + " ms (it was interrupted when the runner began to shut down)");
    }

    synchronized void close() {
        if (watchdog != null) {
            watchdog.stop();
        }
        PinnedWatch p = pinned;
        if (p != null) {
            p.close();
        }
        if (signals != null) {
            signals.uninstall();
        }
    }

    /** The pinned-thread watch, if on; for tests. */
    synchronized Optional<PinnedWatch> pinnedWatch() {
        return Optional.ofNullable(pinned);
    }

    private Optional<String> taskNamed(String threadName) {
        for (TaskImpl<?> t : live) {
            if (t.name().equals(threadName)) {
                return Optional.of(t.name());
            }
        }
        synchronized (recentlyEnded) {
            return recentlyEnded.containsKey(threadName) ? Optional.of(threadName) : Optional.empty();
        }
    }

    /**
     * Takes a snapshot of every live task.
     *
     * @return the dump, oldest task first
     */
    public TaskDump dump() {
        List<TaskImpl<?>> tasks = new ArrayList<>(live);
        List<TaskDump.Entry> entries = new ArrayList<>(tasks.size());
        tasks.sort(Comparator.comparing(TaskImpl::age, Comparator.reverseOrder()));
        for (TaskImpl<?> t : tasks) {
            if (!t.isDone()) {
                entries.add(new TaskDump.Entry(t.name(), t.state(), t.scope().name(), t.age(), t.creationSite(),
                        t.stack()));
            }
        }
        return new TaskDump(config.name(), Instant.now(), entries);
    }

    /** Reports every live task and running offload job as still running, for a forced exit. */
    void reportLeftovers(String situation) {
        for (TaskImpl<?> t : new ArrayList<>(live)) {
            if (!t.isDone()) {
                core.reportStraggler(t, situation);
            }
        }
        offload.reportRunning(situation);
    }
}
