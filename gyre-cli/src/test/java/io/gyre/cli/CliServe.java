package io.gyre.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@code gyre serve} through {@link GyreCli#run} as {@code main} does, on 127.0.0.1 port 0,
 * and sends it real HTTP requests. The server learns nothing from the test: the port is read from
 * its "listening" line, and {@code --limit-max-requests} makes it exit gracefully after the
 * requests the test sends. The server's log is kept off the console.
 */
final class CliServe implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");

    /** An exchange's status and body. */
    record Reply(int status, String body) {
    }

    /** How the command ended: its exit code and what it wrote to standard error. */
    record Exit(int code, String err) {
    }

    private final Logger log = Logger.getLogger("io.gyre");
    private final List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final CountDownLatch listeningOrEnded = new CountDownLatch(1);
    private final AtomicInteger port = new AtomicInteger();
    private final AtomicInteger code = new AtomicInteger(-1);
    private final StringWriter err = new StringWriter();
    private final HttpClient client = HttpClient.newHttpClient();
    private final Thread thread;
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            String message = String.valueOf(r.getMessage());
            lines.add(message);
            Matcher m = LISTENING.matcher(message);
            if (m.find()) {
                port.set(Integer.parseInt(m.group(1)));
                listeningOrEnded.countDown();
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private int remaining;

    /** Starts {@code gyre serve ARGS --host 127.0.0.1 --port 0 --limit-max-requests REQUESTS}. */
    private CliServe(Map<String, String> env, int requests, String... args) {
        this.remaining = requests;
        log.setUseParentHandlers(false);
        log.addHandler(capture);
        List<String> all = new ArrayList<>(List.of("serve"));
        all.addAll(List.of(args));
        all.addAll(List.of("--host", "127.0.0.1", "--port", "0", "--limit-max-requests", String.valueOf(requests)));
        PrintStream out = new PrintStream(PrintStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        this.thread = Thread.ofPlatform().name("gyre-serve-under-test").start(() -> {
            try {
                code.set(GyreCli.run(all.toArray(String[]::new), env, out, new PrintWriter(err, true)));
            } finally {
                listeningOrEnded.countDown();
            }
        });
    }

    /**
     * Starts the command and waits until it listens.
     *
     * @param requests how many requests the test will send; the server exits after them
     */
    static CliServe start(Map<String, String> env, int requests, String... args) throws InterruptedException {
        CliServe serve = new CliServe(env, requests, args);
        assertThat(serve.listeningOrEnded.await(30, TimeUnit.SECONDS)).as("gyre serve listened or ended").isTrue();
        assertThat(serve.port.get()).as("gyre serve listens; it wrote: %s; it logged: %s", serve.err, serve.lines)
                .isPositive();
        return serve;
    }

    Reply get(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    Reply postJson(String path, String json) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port.get() + path);
    }

    private Reply send(HttpRequest request) throws Exception {
        remaining--;
        HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body());
    }

    /** Waits for the command to end after the last request, and returns how it ended. */
    Exit awaitExit() throws InterruptedException {
        assertThat(remaining).as("requests left to send before the server exits").isZero();
        thread.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(thread.isAlive()).as("gyre serve exited after its last request").isFalse();
        return new Exit(code.get(), err.toString());
    }

    /** Sends the requests the test did not send, so that the server exits, and waits for it. */
    @Override
    public void close() throws IOException {
        try {
            while (remaining > 0 && thread.isAlive()) {
                remaining--;
                client.send(HttpRequest.newBuilder(uri("/")).build(), HttpResponse.BodyHandlers.discarding());
            }
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping gyre serve", e);
        } finally {
            client.close();
            log.removeHandler(capture);
            log.setUseParentHandlers(true);
        }
    }
}
