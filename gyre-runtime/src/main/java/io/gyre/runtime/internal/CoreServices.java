package io.gyre.runtime.internal;

import io.gyre.runtime.RunnerConfig;
import io.gyre.runtime.TaskDump;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A runner's services around the core: finding the live tasks (task dumps, straggler reports),
 * the offload pool, the blocked-loop watchdog, the pinned-thread watch and the signal handlers.
 */
public final class CoreServices {
    /** How long the close waits for the first shutdown signal's report to be written. */
    private static final Duration FIRST_SIGNAL_WAIT = Duration.ofSeconds(1);

    /*
     * Lifecycle: created with the core; start() runs after the loops started, shutdownOffload()
     * after the supervisors' shutdown, close() after the loops closed. `watchdog`, `pinned` and
     * `signals` are written by start()/close() on the runner's thread (and signalsWanted by
     * handleSignals() before run); `recentlyEnded` is guarded by itself.
     *
     * Live tasks are not registered here: starting and ending a task touches only its scope.
     * `scopes` holds the scopes the runner owns (root and Supervisor.open ones, guarded by
     * itself, changed when one opens or closes); a walk lists their live tasks, then the lexical
     * scopes open in those tasks' bodies, and so on (see AbstractScope). A closed scope stays
     * listed while tasks that ignored cancellation still run in it, so dumps and forced-exit
     * reports still show them; it is dropped once it is empty.
     */
    private final RuntimeCore core;
    private final RunnerConfig config;
    private final List<AbstractScope> scopes = new ArrayList<>();
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

    /** Lists a scope the runner owns. */
    void scopeOpened(AbstractScope s) {
        synchronized (scopes) {
            scopes.removeIf(AbstractScope::isRetired);
            scopes.add(s);
        }
    }

    /** Drops a closed scope the runner owned, unless tasks still run in it. */
    void scopeReleased(AbstractScope s) {
        synchronized (scopes) {
            if (s.isRetired()) {
                scopes.remove(s);
            }
        }
    }

    /** The scopes the runner owns that may have tasks; for tests. */
    List<AbstractScope> runnerScopes() {
        synchronized (scopes) {
            scopes.removeIf(AbstractScope::isRetired);
            return List.copyOf(scopes);
        }
    }

    /** Called as a task leaves its scope's live list; remembers its name while pins are watched. */
    void taskEnded(TaskImpl<?> t) {
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

    /**
     * Stops the watches and restores the signal handlers. It waits (bounded) on threads that may
     * be running the app's reporter, so it holds no lock while it waits.
     */
    void close() {
        Watchdog w;
        PinnedWatch p;
        SignalHub s;
        synchronized (this) {
            w = watchdog;
            p = pinned;
            s = signals;
        }
        if (w != null) {
            w.stop();
        }
        if (p != null) {
            p.close();
        }
        if (s != null) {
            s.awaitFirstSignalHandled(FIRST_SIGNAL_WAIT);
            s.uninstall();
        }
    }

    /** The pinned-thread watch, if on; for tests. */
    synchronized Optional<PinnedWatch> pinnedWatch() {
        return Optional.ofNullable(pinned);
    }

    /**
     * Returns every task that was live when its scope was visited, each once, in no order. A task
     * that ends meanwhile may still be listed (callers skip done tasks); one started meanwhile may
     * be missed.
     */
    List<TaskImpl<?>> liveTasks() {
        ArrayDeque<AbstractScope> pending = new ArrayDeque<>(runnerScopes());
        List<TaskImpl<?>> tasks = new ArrayList<>();
        for (AbstractScope s = pending.poll(); s != null; s = pending.poll()) {
            for (TaskImpl<?> t : s.liveTasks()) {
                tasks.add(t);
                AbstractScope.addOpenScopes(t, pending);
            }
        }
        return tasks;
    }

    private Optional<String> taskNamed(String threadName) {
        synchronized (recentlyEnded) { // the cheap check first: a pin is often reported after its task ended
            if (recentlyEnded.containsKey(threadName)) {
                return Optional.of(threadName);
            }
        }
        for (TaskImpl<?> t : liveTasks()) {
            if (t.name().equals(threadName)) {
                return Optional.of(threadName);
            }
        }
        return Optional.empty();
    }

    /**
     * Takes a snapshot of every live task.
     *
     * @return the dump, oldest task first
     */
    public TaskDump dump() {
        List<TaskImpl<?>> tasks = liveTasks();
        List<TaskDump.Entry> entries = new ArrayList<>(tasks.size());
        // one reading of the clock: ages read one by one, between stack captures, would drift apart
        long now = System.nanoTime();
        tasks.sort(Comparator.comparingLong((TaskImpl<?> t) -> t.ageNanosAt(now)).reversed());
        for (TaskImpl<?> t : tasks) {
            if (!t.isDone()) {
                entries.add(new TaskDump.Entry(t.name(), t.state(), t.scope().name(), t.ageAt(now), t.creationSite(),
                        t.stack()));
            }
        }
        return new TaskDump(config.name(), Instant.now(), entries);
    }

    /** Reports every live task and running offload job as still running, for a forced exit. */
    void reportLeftovers(String situation) {
        for (TaskImpl<?> t : liveTasks()) {
            if (!t.isDone()) {
                core.reportStraggler(t, situation);
            }
        }
        offload.reportRunning(situation);
    }
}
