package io.gyre.cli;

import io.gyre.runtime.CancelledException;
import io.gyre.runtime.Cancellation;
import io.gyre.runtime.ExitStatus;
import io.gyre.runtime.Gyre;
import io.gyre.runtime.Runner;
import io.gyre.runtime.RunnerConfig;
import io.gyre.server.ServerConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code gyre serve --reload}: a supervisor process that runs the app in a child process and
 * restarts it when the watched files change, Uvicorn's reloader model.
 *
 * <p>Why a child process rather than a fresh class loader in this one: a restart must leave
 * nothing of the old app behind, and a class loader cannot promise that. Static state in Gyre's
 * own classes and in libraries on its class path (JDBC drivers, logging, caches), threads the app
 * started and did not stop, and a jar that changed under Gyre's class path would all survive a new
 * loader; a new JVM starts clean every time, and a loader that an app keeps alive cannot leak.
 * The cost is a JVM start per restart (well under a second for a small app).
 */
final class Reloader {
    /*
     * Overview: one Gyre task (the runner's main task) polls the files every POLL and the app
     * process at the same pace. A change starts a burst; the burst ends when QUIET_SCANS scans in
     * a row saw no change, and then the app restarts once, however many files the build wrote.
     * A restart stops the old process gracefully (SIGTERM, its drain and shutdown hooks; killed
     * if it outlives the server's own shutdown bounds), then starts the new one on the same port.
     * An app that exits by itself with a failure (a class that does not load, a startup hook that
     * throws: code 4) leaves the reloader waiting for the next change; one that exits with 0
     * (--limit-max-requests) ends the reloader with it.
     *
     * Signals: the runner handles SIGINT/SIGTERM. The first cancels the main task, which stops
     * the app gracefully and returns its exit code; a second makes the runner exit with 3, and
     * the shutdown hook sends the app the second SIGTERM that forces its exit too. The app
     * process exits by itself if this process dies without a word (AppProcess.exitWithReloader).
     *
     * Threads: `current` is written by the main task and read by the shutdown hook (volatile).
     */
    static final Duration POLL = Duration.ofMillis(200);
    static final int QUIET_SCANS = 2;

    private final List<String> command;
    private final Map<String, String> env;
    private final FileWatch watch;
    private final Duration stopBound;
    private final PrintWriter err;
    private volatile AppProcess current;

    Reloader(List<String> command, Map<String, String> env, List<Path> watched, ServerConfig config,
            PrintWriter err) {
        this.command = List.copyOf(command);
        this.env = Map.copyOf(env);
        this.watch = new FileWatch(watched);
        // the app's own bounds on its shutdown, with room for the JVM's start and exit
        this.stopBound = config.shutdownDelay().plus(config.gracefulTimeout()).plus(config.cancelGrace())
                .plus(config.shutdownHookTimeout()).plusSeconds(10);
        this.err = err;
    }

    /** Runs until a signal, or until the app exits with 0 by itself; returns the app's last exit code. */
    int run() {
        Thread hook = Thread.ofPlatform().unstarted(() -> {
            AppProcess app = current;
            if (app != null) {
                app.forceStop(stopBound);
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        int[] code = {0};
        try {
            ExitStatus status = Runner.create(RunnerConfig.builder().name("gyre-reload").loops(1)
                    .reporter(r -> ReloadLog.warning(err, r.describe())).build())
                    .runForStatus(() -> {
                        code[0] = supervise();
                        return null;
                    });
            return status == ExitStatus.CLEAN ? code[0] : status.code();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is exiting: the hook runs
            }
        }
    }

    private int supervise() {
        ReloadLog.info(err, "Reloader (pid " + ProcessHandle.current().pid() + ") watching for changes in "
                + watch.roots());
        start();
        Set<Path> burst = new LinkedHashSet<>();
        int quiet = 0;
        try {
            while (true) {
                Gyre.sleep(POLL);
                AppProcess app = current;
                if (app != null && !app.alive()) {
                    current = null;
                    int code = app.exitCode();
                    if (code == 0) {
                        ReloadLog.info(err, "The app exited by itself with code 0; the reloader stops with it");
                        return 0;
                    }
                    ReloadLog.warning(err, "The app exited with code " + code + "; waiting for changes to fix the app");
                }
                List<Path> changes = watch.changes();
                if (!changes.isEmpty()) {
                    burst.addAll(changes);
                    quiet = 0;
                } else if (!burst.isEmpty() && ++quiet >= QUIET_SCANS) {
                    ReloadLog.info(err, "Detected changes in " + describe(burst) + ", restarting");
                    burst.clear();
                    quiet = 0;
                    restart();
                }
            }
        } catch (CancelledException | InterruptedException e) {
            AppProcess app = current;
            if (app == null || !app.alive()) {
                return app == null ? 0 : app.exitCode();
            }
            ReloadLog.info(err, "Stopping the app (pid " + app.pid() + ")");
            return Cancellation.shield(stopBound.plusSeconds(5), () -> app.stop(stopBound, err));
        }
    }

    private void restart() throws InterruptedException {
        AppProcess old = current;
        if (old != null) {
            old.stop(stopBound, err);
            current = null;
        }
        start();
    }

    private void start() {
        try {
            current = AppProcess.start(command, env);
        } catch (IOException e) {
            ReloadLog.warning(err, "Cannot start the app process (" + command.getFirst() + "): " + e.getMessage()
                    + "; waiting for changes");
        }
    }

    /** Up to three files, then how many more. */
    private String describe(Set<Path> files) {
        List<String> names = new ArrayList<>();
        for (Path p : files) {
            if (names.size() == 3) {
                break;
            }
            names.add(watch.display(p));
        }
        int more = files.size() - names.size();
        return String.join(", ", names) + (more > 0 ? " and " + more + " more file" + (more > 1 ? "s" : "") : "");
    }
}
