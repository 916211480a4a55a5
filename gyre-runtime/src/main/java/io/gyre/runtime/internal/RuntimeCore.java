package io.gyre.runtime.internal;

import io.gyre.runtime.CancelledException;
import io.gyre.runtime.ClosedException;
import io.gyre.runtime.LoopGroup;
import io.gyre.runtime.Report;
import io.gyre.runtime.Runner;
import io.gyre.runtime.RunnerConfig;
import io.gyre.runtime.Scope;
import io.gyre.runtime.Task;
import io.gyre.runtime.TaskBody;
import io.gyre.runtime.TaskFailedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The state behind a {@link Runner}: loops, the timer loop, the root scope, open supervisors,
 * and the ordered shutdown.
 */
public final class RuntimeCore {
    /*
     * Overview: run() starts the timer loop and the I/O loops, spawns the main task in the root
     * scope and waits for it on the caller's (platform) thread. Then shutdown(): every open
     * supervisor and the root scope refuse new tasks and cancel their live ones; all are waited
     * for until one shared deadline (shutdownGrace); what is left is reported as a straggler;
     * then the I/O loops and the timer loop close.
     *
     * `state`, `mainTask`, `pendingShutdown` and `supervisors` are guarded by `this`; `phase` is
     * volatile (read by failure handlers on task threads).
     */
    private enum State { NEW, RUNNING, SHUTTING_DOWN, CLOSED }

    private final RunnerConfig config;
    private final Runner runner;
    private final LoopGroupImpl loops;
    private final LoopImpl timers;
    private final SupervisorScope root;
    private final Set<SupervisorScope> supervisors = new LinkedHashSet<>();
    private State state = State.NEW;
    private TaskImpl<?> mainTask;
    private String pendingShutdown;
    private volatile String phase = "running";
    private volatile String shutdownReason;
    private final CoreServices services;

    /**
     * Creates the core of a runner.
     *
     * @param config the configuration
     * @param runner the public face
     */
    public RuntimeCore(RunnerConfig config, Runner runner) {
        this.config = config;
        this.runner = runner;
        this.loops = new LoopGroupImpl(config.name() + "-loop", config.loops(), this::report, this);
        this.timers = new LoopImpl(config.name() + "-timers", this::report, this);
        this.root = SupervisorScope.root(this);
        this.services = new CoreServices(this);
        services.scopeOpened(root);
    }

    /**
     * Returns the services around the core: offload pool, diagnostics, signals, task registry.
     *
     * @return the services
     */
    public CoreServices services() {
        return services;
    }

    /**
     * Returns the reason of the first shutdown request, if one was made.
     *
     * @return the reason, or {@code null}
     */
    public String shutdownReason() {
        return shutdownReason;
    }

    void taskEnded(TaskImpl<?> t) {
        services.taskEnded(t);
    }

    /**
     * Returns the runtime of the calling task or loop thread.
     *
     * @return the core, or {@code null} outside Gyre
     */
    public static RuntimeCore current() {
        TaskImpl<?> t = TaskImpl.current();
        if (t != null) {
            return t.core;
        }
        LoopImpl l = LoopImpl.current();
        return l == null ? null : l.core;
    }

    /**
     * Returns the public runner.
     *
     * @return the runner
     */
    public Runner runner() {
        return runner;
    }

    /**
     * Returns the configuration.
     *
     * @return the configuration
     */
    public RunnerConfig config() {
        return config;
    }

    /**
     * Returns the I/O loops.
     *
     * @return the loop group
     */
    public LoopGroup loops() {
        return loops;
    }

    /**
     * Returns the root scope.
     *
     * @return the root scope
     */
    public Scope root() {
        return root;
    }

    LoopImpl timers() {
        return timers;
    }

    boolean debug() {
        return config.debug();
    }

    String phase() {
        return phase;
    }

    synchronized boolean isMain(Task<?> t) {
        return t == mainTask;
    }

    /**
     * Runs the main task and the ordered shutdown.
     *
     * @param <T> the result type
     * @param main the main function
     * @return its result
     */
    public <T> T run(TaskBody<T> main) {
        if (LoopImpl.current() != null) {
            throw new IllegalStateException("Runner '" + config.name() + "'.run() was called on loop thread '"
                    + Thread.currentThread().getName() + "' (" + Caller.describe() + "); it blocks until the runner"
                    + " ends, which would block the loop. Run a runner from main or another platform thread.");
        }
        RuntimeCore outer = current();
        if (outer != null) {
            throw new IllegalStateException("Runner '" + config.name() + "'.run() was called inside runner '"
                    + outer.config.name() + "', which is running (" + Caller.describe() + "). Runners do not nest:"
                    + " run the work with TaskGroup.run(...) or spawn it in a scope of the running runner.");
        }
        TaskImpl<T> task;
        synchronized (this) {
            if (state != State.NEW) {
                throw new IllegalStateException("Runner '" + config.name() + "' has already run (it is " + state
                        + "); a runner runs once. Create a new one with Runner.create(...).");
            }
            state = State.RUNNING;
            timers.start();
            loops.start();
            services.start();
            task = root.spawnTask("main", main);
            mainTask = task;
            if (pendingShutdown != null) {
                task.cancel(pendingShutdown);
            }
        }
        boolean interrupted = false;
        while (!task.isDone()) {
            try {
                task.await(Duration.ofDays(1));
            } catch (CancelledException e) {
                interrupted = true;
                task.cancel("the thread running runner '" + config.name() + "' was interrupted");
            }
        }
        shutdown();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return switch (task.state()) {
            case SUCCEEDED -> task.resultNow();
            case CANCELLED -> throw task.outcomeError() instanceof CancelledException ce ? ce
                    : new CancelledException("main task cancelled: " + task.cancelReason());
            case FAILED -> {
                Throwable f = task.outcomeError();
                if (f instanceof RuntimeException re) {
                    throw re;
                }
                if (f instanceof Error err) {
                    throw err;
                }
                throw new TaskFailedException("main", f);
            }
            case RUNNING -> throw new IllegalStateException("internal error: main task still running (please report)");
        };
    }

    /**
     * Cancels the main task (or makes the runner cancel it as soon as it starts).
     *
     * @param reason why
     */
    public void requestShutdown(String reason) {
        TaskImpl<?> t;
        synchronized (this) {
            if (shutdownReason == null) {
                shutdownReason = reason;
            }
            if (mainTask == null) {
                pendingShutdown = reason;
                return;
            }
            t = mainTask;
        }
        t.cancel(reason);
    }

    private void shutdown() {
        List<SupervisorScope> scopes;
        synchronized (this) {
            state = State.SHUTTING_DOWN;
            phase = "shutdown";
            scopes = new ArrayList<>(supervisors);
        }
        scopes.add(root);
        String reason = "runner '" + config.name() + "' is shutting down: the main task ended";
        for (SupervisorScope s : scopes) {
            s.beginClose(reason);
        }
        long deadline = System.nanoTime() + config.shutdownGrace().toNanos();
        String situation = "after the runner's shutdown grace of " + config.shutdownGrace().toMillis() + " ms";
        for (SupervisorScope s : scopes) {
            s.shutdown(reason, deadline, situation);
        }
        services.shutdownOffload(deadline);
        String by = "Runner '" + config.name() + "' shutdown";
        loops.close(by, Duration.ofSeconds(5));
        timers.stop(by);
        timers.awaitClosed(Duration.ofSeconds(5));
        services.close();
        synchronized (this) {
            state = State.CLOSED;
        }
    }

    synchronized void adopt(SupervisorScope s) {
        if (state != State.RUNNING) {
            throw new ClosedException("Runner '" + config.name() + "' is " + state + "; " + Caller.describe()
                    + " tried to open supervisor '" + s.name() + "'. Open supervisors while the runner runs.");
        }
        supervisors.add(s);
        services.scopeOpened(s);
    }

    synchronized void release(SupervisorScope s) {
        supervisors.remove(s);
        services.scopeReleased(s);
    }

    /**
     * Hands a report to the configured reporter; a failing reporter falls back to the logger.
     *
     * @param r the report
     */
    public void report(Report r) {
        try {
            config.reporter().accept(r);
        } catch (Throwable t) {
            Reports.LOGGER.accept(r);
        }
    }

    void reportStraggler(TaskImpl<?> t, String situation) {
        report(new Report.Straggler(t.name(), t.scope().name(), t.state(), t.creationSite(), t.age(), t.stack(),
                situation));
    }

    void watchCancelled(TaskImpl<?> t, String reason) {
        Duration grace = config.cancelGrace();
        if (grace.isZero()) {
            return;
        }
        try {
            timers.callLater(grace, () -> {
                if (!t.isDone()) {
                    reportStraggler(t, "running " + grace.toMillis() + " ms after it was cancelled (" + reason + ")");
                }
            });
        } catch (IllegalStateException e) {
            // the runner is closing: its own shutdown reports what did not end
        }
    }
}
