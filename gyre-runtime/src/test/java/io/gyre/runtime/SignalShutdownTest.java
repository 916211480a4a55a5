package io.gyre.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Real signals sent to a real child JVM running {@link SignalChild}. */
@EnabledOnOs({OS.LINUX, OS.MAC})
class SignalShutdownTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private Child child;

    @AfterEach
    void killTheChild() {
        if (child != null) {
            child.process.destroyForcibly();
        }
    }

    @Test
    void sigtermShutsTheRunnerDownGracefullyAndExitsZero() throws Exception {
        child = Child.start("graceful");
        child.awaitLine("READY");
        child.signal("TERM");
        assertThat(child.exitCode()).isEqualTo(ExitStatus.CLEAN.code());
        assertThat(child.output()).contains(
                "REPORT SIGTERM received: runner 'child' is shutting down gracefully",
                "MAIN CANCELLED: SIGTERM received");
    }

    @Test
    void sigintDoesTheSame() throws Exception {
        child = Child.start("graceful");
        child.awaitLine("READY");
        child.signal("INT");
        assertThat(child.exitCode()).isEqualTo(0);
        assertThat(child.output()).contains("MAIN CANCELLED: SIGINT received");
    }

    @Test
    void aSecondSigtermForcesTheExitWithCode3AndReportsTheTaskThatIgnoredTheFirst() throws Exception {
        child = Child.start("stubborn");
        child.awaitLine("READY");
        child.signal("TERM");
        child.awaitLine("IGNORING SIGTERM received");
        child.signal("TERM");
        assertThat(child.exitCode()).isEqualTo(ExitStatus.FORCED.code());
        assertThat(child.output()).contains("forcing the exit of runner 'child'",
                "task 'main' in scope 'root'", "when a second SIGTERM forced the exit",
                "at io.gyre.runtime.SignalChild.stubborn");
    }

    @Test
    void aUserSignalCallbackRunsOnTheRunnersLoop() throws Exception {
        child = Child.start("hup");
        child.awaitLine("READY");
        child.signal("HUP");
        child.awaitLine("HUP on child-loop-0");
        child.signal("TERM");
        assertThat(child.exitCode()).isEqualTo(0);
    }

    @Test
    void sigusr1ReportsATaskDump() throws Exception {
        child = Child.start("dump");
        child.awaitLine("READY");
        child.signal("USR1");
        child.awaitLine("task 'idle-worker' RUNNING in scope 'root'");
        child.signal("TERM");
        assertThat(child.exitCode()).isEqualTo(0);
        assertThat(child.output()).contains("REPORT task dump of runner 'child'", "task 'main' RUNNING");
    }

    @Test
    void profilingWithJfrsExecutionSamplerReportsNoTaskDump() throws Exception {
        // the JVM suspends threads for the sampler with SIGUSR2, so that signal cannot be Gyre's
        child = Child.start("profiled");
        child.awaitLine("READY");
        child.signal("TERM");
        assertThat(child.exitCode()).isEqualTo(0);
        assertThat(child.output()).contains("PROFILED true").doesNotContain("task dump");
    }

    @Test
    void signalsStillEndTheProcessAfterItsClassFilesWereWrittenOver(@TempDir Path runtimeCopy) throws Exception {
        // as a deploy that copies new jars over the running ones: every class not loaded yet is gone
        copyTree(Path.of(Child.location(Runner.class)), runtimeCopy);
        child = Child.start("graceful", runtimeCopy.toString());
        child.awaitLine("READY");
        try (var files = Files.walk(runtimeCopy)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.delete(f);
            }
        }
        child.signal("TERM");
        if (child.process.waitFor(5, TimeUnit.SECONDS)) {
            return; // the graceful shutdown needed no class it had not loaded yet
        }
        child.signal("TERM");
        assertThat(child.exitCode()).as("exit code after the second SIGTERM; output:\n" + child.output())
                .isEqualTo(ExitStatus.FORCED.code());
    }

    @Test
    void theFirstSignalStillShutsDownGracefullyWhenItsReportCannotBeMade(@TempDir Path runtimeCopy) throws Exception {
        copyTree(Path.of(Child.location(Runner.class)), runtimeCopy);
        child = Child.start("graceful", runtimeCopy.toString());
        child.awaitLine("READY");
        // the report's class is gone, as after a deploy wrote over the jars: making the report fails
        Files.delete(runtimeCopy.resolve("io/gyre/runtime/Report$SignalReceived.class"));
        child.signal("TERM");
        assertThat(child.exitCode()).as("exit code after one SIGTERM; output:\n" + child.output())
                .isEqualTo(ExitStatus.CLEAN.code());
        assertThat(child.output()).contains("SIGTERM received and the graceful shutdown started, but its report"
                + " failed (java.lang.NoClassDefFoundError");
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }

    /** A child JVM on the classpath holding the runtime and the test classes. */
    private static final class Child {
        private final Process process;
        private final List<String> lines = new CopyOnWriteArrayList<>();
        private final Thread pump;

        private Child(Process process) {
            this.process = process;
            this.pump = Thread.ofPlatform().daemon(true).name("child-output").start(this::pump);
        }

        static Child start(String mode) throws IOException {
            return start(mode, location(Runner.class));
        }

        /** Starts the child with the runtime's classes from {@code runtimeClasses}. */
        static Child start(String mode, String runtimeClasses) throws IOException {
            String java = ProcessHandle.current().info().command()
                    .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            String classpath = runtimeClasses + File.pathSeparator + location(SignalChild.class);
            Process p = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                    "-cp", classpath, SignalChild.class.getName(), mode).redirectErrorStream(true).start();
            return new Child(p);
        }

        private static String location(Class<?> c) {
            try {
                return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
            } catch (java.net.URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }

        private void pump() {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (this) {
                        lines.add(line);
                        notifyAll();
                    }
                }
            } catch (IOException e) {
                // the child is gone
            }
        }

        synchronized void awaitLine(String prefix) throws InterruptedException {
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (lines.stream().noneMatch(l -> l.startsWith(prefix))) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("the child never printed '" + prefix + "'; it printed:\n" + output());
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }

        void signal(String name) throws IOException, InterruptedException {
            if (name.equals("TERM")) {
                // SIGTERM on Linux and macOS; Process.destroy() would also close our end of its output
                assertThat(process.toHandle().destroy()).isTrue();
                return;
            }
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
            assertThat(kill.waitFor()).isZero();
        }

        int exitCode() throws InterruptedException {
            assertThat(process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("child exited").isTrue();
            pump.join(PATIENCE); // all of its output has been read
            return process.exitValue();
        }

        String output() {
            return String.join("\n", lines);
        }
    }
}
