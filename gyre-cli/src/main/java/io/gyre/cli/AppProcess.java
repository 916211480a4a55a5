package io.gyre.cli;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * One run of the app in a process of its own, started by the reloader: {@code gyre serve} again,
 * on the same JVM binary, JVM options and class path, with the same arguments but the reload
 * ones and with a fixed port.
 *
 * <p>On POSIX systems the process starts with SIGINT ignored (through {@code sh -c "trap '' INT;
 * exec ..."}; a JVM keeps a signal ignored that it was started with): Ctrl-C in a terminal
 * signals the whole foreground process group, and the app, seeing both that SIGINT and the
 * reloader's SIGTERM, would take the second as "force the exit". So the reloader alone decides:
 * its first signal becomes the app's one graceful SIGTERM, its second a second SIGTERM that forces.
 *
 * <p>Thread-safety: {@link #stop} runs on the reloader's task; {@link #forceStop} on the
 * reloader's shutdown hook; {@code signals} is atomic so that each SIGTERM is sent on purpose.
 */
final class AppProcess {
    private static final String MAIN = GyreCli.class.getName();

    private final Process process;
    /** SIGTERMs sent: the first asks for a graceful stop, a second forces it. */
    private final AtomicInteger signals = new AtomicInteger();

    private AppProcess(Process process) {
        this.process = process;
    }

    /**
     * The command line of the app process: {@code [sh -c ...] java OPTIONS -cp CP GyreCli serve ARGS}.
     * The app path is passed as the absolute entries the reloader resolved and watches, whether it
     * came from the flag or the environment, so that the app is loaded from what is watched.
     */
    static List<String> command(ParseResult serve, int port, AppPath appPath) {
        List<String> cmd = new ArrayList<>();
        if (File.separatorChar == '/' && Files.isExecutable(Path.of("/bin/sh"))) {
            cmd.addAll(List.of("/bin/sh", "-c", "trap '' INT; exec \"$0\" \"$@\""));
        }
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!option.startsWith("-agentlib:jdwp") && !option.startsWith("-Xrunjdwp")) {
                cmd.add(option); // a debugger's port is the reloader's; it cannot be bound twice
            }
        }
        String classPath = System.getProperty("java.class.path", "");
        if (GyreCli.class.getModule().isNamed()) {
            cmd.addAll(List.of("-p", System.getProperty("jdk.module.path", "")));
            if (!classPath.isEmpty()) {
                cmd.addAll(List.of("-cp", classPath));
            }
            cmd.addAll(List.of("-m", GyreCli.class.getModule().getName() + "/" + MAIN));
        } else {
            cmd.addAll(List.of("-cp", classPath, MAIN));
        }
        cmd.add("serve");
        for (OptionSpec o : serve.matchedOptions()) {
            String name = o.longestName();
            if (name.equals(ReloadOptions.FLAG) || name.equals(ReloadOptions.DIR_FLAG) || name.equals("--port")
                    || name.equals(AppPath.FLAG)) {
                continue;
            }
            if (o.type() == Boolean.class) {
                cmd.add(name + "=" + o.getValue());
            } else {
                for (String value : o.originalStringValues()) {
                    cmd.add(name + "=" + value);
                }
            }
        }
        if (!appPath.entries().isEmpty()) {
            cmd.add(AppPath.FLAG + "=" + String.join(File.pathSeparator,
                    appPath.entries().stream().map(Path::toString).toList()));
        }
        cmd.add("--port=" + port);
        cmd.add(serve.matchedPositional(0).getValue());
        return cmd;
    }

    /**
     * Starts the app process with the reloader's standard streams and {@code env}, without the
     * reload variables, and with the reloader's pid in {@link ReloadOptions#SUPERVISOR_ENV}.
     */
    static AppProcess start(List<String> command, Map<String, String> env) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).inheritIO();
        Map<String, String> childEnv = pb.environment();
        childEnv.putAll(env);
        childEnv.remove(ReloadOptions.ENV);
        childEnv.remove(ReloadOptions.DIRS_ENV);
        childEnv.put(ReloadOptions.SUPERVISOR_ENV, String.valueOf(ProcessHandle.current().pid()));
        return new AppProcess(pb.start());
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** The exit code; only once the process has ended. */
    int exitCode() {
        return process.exitValue();
    }

    /**
     * Stops the app gracefully (SIGTERM: its drain and shutdown hooks run) and waits for it;
     * kills it if it has not ended within {@code bound}. Sends no second SIGTERM if one was sent.
     *
     * @return its exit code
     * @throws InterruptedException if interrupted while waiting
     */
    int stop(Duration bound, PrintWriter err) throws InterruptedException {
        if (signals.compareAndSet(0, 1)) {
            process.destroy();
        }
        if (!process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
            ReloadLog.warning(err, "The app (pid " + pid() + ") did not stop within " + bound.toSeconds()
                    + "s of SIGTERM; killing it");
            process.destroyForcibly();
            process.waitFor();
        }
        return process.exitValue();
    }

    /**
     * From the reloader's shutdown hook: a graceful stop if none was asked for, else a second
     * SIGTERM, which forces the app's exit; a kill if it is still running after {@code bound}.
     */
    void forceStop(Duration bound) {
        if (!process.isAlive()) {
            return;
        }
        Duration wait = signals.getAndIncrement() == 0 ? bound : Duration.ofSeconds(5);
        process.destroy();
        try {
            if (!process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * In the app process a reloader started: exits this process if the reloader ends without
     * stopping it (killed with SIGKILL, say), so that no app is left serving with no one to stop it.
     */
    static void exitWithReloader(Map<String, String> env, PrintWriter err) {
        String pid = env.get(ReloadOptions.SUPERVISOR_ENV);
        Optional<ProcessHandle> reloader;
        try {
            reloader = ProcessHandle.of(Long.parseLong(pid.trim()));
        } catch (NumberFormatException e) {
            return; // not set by a reloader
        }
        Runnable exit = () -> {
            ReloadLog.warning(err, "The reloader (pid " + pid.trim() + ") has gone; stopping the app");
            System.exit(1);
        };
        reloader.ifPresentOrElse(r -> r.onExit().thenRun(exit), exit);
    }
}
