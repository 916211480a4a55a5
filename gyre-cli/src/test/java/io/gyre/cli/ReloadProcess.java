package io.gyre.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code gyre serve --reload} as a user runs it: a real JVM (the reloader), which starts the app in
 * a child JVM. Both write to one file, read here for the assertions, so the test's console stays
 * quiet. (Not a pipe: when the reloader exits, the JDK closes the pipe's read end under a reader
 * blocked on it, and the last lines are lost.) The port is read from the first "listening" line.
 */
final class ReloadProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");
    static final Duration DEADLINE = Duration.ofSeconds(30);
    /** How often the output file is read again: no event says that a process wrote a line. */
    private static final long POLL_MILLIS = 20;

    private final Process process;
    private final Path output;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private int port;

    private ReloadProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /**
     * Starts {@code gyre serve --reload APP --host 127.0.0.1 --port 0 ARGS} in the directory
     * {@code dir} and waits until the app listens.
     */
    static ReloadProcess start(Path dir, String app, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                GyreCli.class.getName(), "serve", "--reload", app, "--host", "127.0.0.1", "--port", "0"));
        cmd.addAll(List.of(args));
        Path output = dir.resolve("reload-output.txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("GYRE_"));
        ReloadProcess p = new ReloadProcess(pb.start(), output);
        Matcher m = LISTENING.matcher(p.awaitLine(l -> LISTENING.matcher(l).find()));
        assertThat(m.find()).isTrue();
        p.port = Integer.parseInt(m.group(1));
        return p;
    }

    Process process() {
        return process;
    }

    /** Waits (bounded) for a line that matches, and returns it. */
    String awaitLine(Predicate<String> match) throws InterruptedException {
        return awaitLines(match, 1).getFirst();
    }

    /** Waits (bounded) until {@code count} lines match, and returns them. */
    List<String> awaitLines(Predicate<String> match, int count) throws InterruptedException {
        long end = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            List<String> found = lines(match);
            if (found.size() >= count) {
                return found;
            }
            assertThat(end - System.nanoTime()).as("%s line(s) expected within %s; the output was:%n%s", count,
                    DEADLINE, output()).isPositive();
            Thread.sleep(POLL_MILLIS);
        }
    }

    /** The lines that match, so far. */
    List<String> lines(Predicate<String> match) {
        return output().lines().filter(match).toList();
    }

    String output() {
        try {
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** GET {@code path} until the body holds {@code expected} (the app restarts meanwhile); bounded. */
    void awaitBody(String path, String expected) throws Exception {
        long end = System.nanoTime() + DEADLINE.toNanos();
        String last = "(no answer)";
        while (System.nanoTime() < end) {
            try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + path)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                last = r.statusCode() + " " + r.body();
                if (r.statusCode() == 200 && r.body().contains(expected)) {
                    return;
                }
            } catch (ConnectException e) {
                last = "connection refused"; // between two runs of the app
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(POLL_MILLIS); // no event says "the new app is up": poll, bounded
        }
        throw new AssertionError("GET " + path + " did not answer with '" + expected + "' within " + DEADLINE
                + "; last: " + last + "; output:\n" + output());
    }

    /**
     * Sends SIGTERM to the reloader and waits (bounded) for it to exit; checks that none of its
     * descendants is left running. Returns its exit code.
     */
    int terminate() throws InterruptedException {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        assertThat(process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)).as("the reloader exited; output:%n%s",
                output()).isTrue();
        assertThat(descendants).as("processes the reloader left running; output:%n%s", output())
                .noneMatch(ProcessHandle::isAlive);
        return process.exitValue();
    }

    /** The reloader's child processes now: the app (its pid is the java process's, through exec). */
    List<ProcessHandle> children() {
        return process.descendants().toList();
    }

    /** Kills whatever a failed test left running: the reloader and its descendants. */
    @Override
    public void close() {
        client.close();
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        process.destroyForcibly();
        all.forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
