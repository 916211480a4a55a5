package io.gyre.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A {@link ReliabilityApp} in a child JVM: its stdout lines, stderr in a file, signals, RSS and fds. */
final class ChildServer implements AutoCloseable {
    final Process process;
    final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    final List<String> all = new CopyOnWriteArrayList<>();
    final Path stderr;
    final int port;
    private final Thread reader;

    /** Starts the child and waits until it listens; its watchdog reports loop callbacks over 100 ms. */
    ChildServer(int port, long gracefulMillis, long delayMillis, int maxConnections, String heap) throws Exception {
        this(port, gracefulMillis, delayMillis, maxConnections, heap, 100);
    }

    /**
     * Starts the child with a blocked-loop threshold of {@code blockedMillis}: a test that fails
     * on any report uses a bound that a descheduled loop thread or a GC pause on a busy machine
     * does not reach, and a loop really blocked does.
     */
    ChildServer(int port, long gracefulMillis, long delayMillis, int maxConnections, String heap, long blockedMillis)
            throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        stderr = Files.createTempFile("gyre-child", ".log");
        ProcessBuilder pb = new ProcessBuilder(java, "-XX:+UseSerialGC", "-Xshare:auto", "-Xmx" + heap, "-cp",
                System.getProperty("java.class.path"), ReliabilityApp.class.getName(), Integer.toString(port),
                Long.toString(gracefulMillis), Long.toString(delayMillis), Integer.toString(maxConnections))
                .redirectError(stderr.toFile());
        pb.environment().put("GYRE_BLOCKED_THRESHOLD_MS", Long.toString(blockedMillis));
        process = pb.start();
        reader = Thread.ofPlatform().daemon(true).start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream()))) {
                String l;
                while ((l = r.readLine()) != null) {
                    all.add(l);
                    lines.add(l);
                }
            } catch (IOException ignored) {
                // the child ended
            }
        });
        this.port = Integer.parseInt(await("PORT ").substring(5));
    }

    String await(String prefix) throws InterruptedException {
        while (true) {
            String l = lines.poll(30, TimeUnit.SECONDS);
            assertThat(l).as("waiting for '%s' from the child; saw %s; stderr %s", prefix, all, errors()).isNotNull();
            if (l.startsWith(prefix)) {
                return l;
            }
        }
    }

    long pid() {
        return process.pid();
    }

    void sigterm() {
        process.toHandle().destroy(); // SIGTERM without closing our end of its stdout
    }

    /** Waits for the exit; returns the code. */
    int exit(long seconds) throws InterruptedException {
        assertThat(process.waitFor(seconds, TimeUnit.SECONDS)).as("the child exits within %d s", seconds).isTrue();
        reader.join(5000);
        return process.exitValue();
    }

    long served() {
        return all.stream().filter(l -> l.startsWith("SERVED ")).mapToLong(l -> Long.parseLong(l.substring(7)))
                .findFirst().orElse(-1);
    }

    /** What the child wrote to stderr. */
    String errors() {
        try {
            return Files.readString(stderr);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** Problem lines of stderr: anything at WARNING or above, or an exception, but the signal notice. */
    List<String> problems() {
        return errors().lines().filter(l -> l.contains(" ERROR ") || l.contains("WARNING") || l.contains("SEVERE")
                || l.contains("Exception"))
                .filter(l -> !l.contains("SIGTERM received")).toList();
    }

    /**
     * Blocked-loop reports of a freshly started instance: under a restart with load on 2 cores,
     * the first requests load the parser's classes on the loop thread (reported, 100-500 ms).
     */
    long blockedLoopReports() {
        return errors().lines().filter(l -> l.contains("is blocked: callback")).count();
    }

    /** {@link #problems()} without the blocked-loop reports (counted by {@link #blockedLoopReports()}). */
    List<String> problemsBesidesBlockedLoops() {
        return problems().stream().filter(l -> !l.contains("is blocked: callback") && !l.contains("is running again"))
                .toList();
    }

    long rssKiB() throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc/" + pid() + "/status"))) {
            if (l.startsWith("VmRSS:")) {
                return Long.parseLong(l.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    int fds() throws IOException {
        try (var s = Files.list(Path.of("/proc/" + pid() + "/fd"))) {
            return (int) s.count();
        }
    }

    @Override
    public void close() throws IOException {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Files.deleteIfExists(stderr);
    }
}
