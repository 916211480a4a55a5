package io.gyre.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.gyre.runtime.Report;
import io.gyre.runtime.RunnerConfig;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * A server on 127.0.0.1 port 0 in its own runner (2 loops, no signal handling, 2 s shutdown grace),
 * for tests, run by {@link HttpServer#runInBackground}. The runner's reports are kept for the test to check ({@link #reports()}), not logged.
 * {@link #awaitIdle()} and {@link #awaitBaseline} check that connections, requests and live tasks
 * return to what an idle server holds. Public: the gyre-reliability suite uses it from this module's
 * test jar.
 */
public final class TestServer implements AutoCloseable {
    /** What an idle server holds: open connections, requests in flight and live tasks. */
    public record Baseline(int connections, int activeRequests, int liveTasks) {
    }

    private final BackgroundServer running;
    private final List<Report> reports;

    private TestServer(BackgroundServer running, List<Report> reports) {
        this.running = running;
        this.reports = reports;
    }

    public static TestServer start(Handler handler) {
        return start(handler, c -> c);
    }

    public static TestServer start(Handler handler, UnaryOperator<ServerConfig.Builder> config) {
        return start(handler, config, r -> r);
    }

    public static TestServer start(Handler handler, UnaryOperator<ServerConfig.Builder> config,
            UnaryOperator<RunnerConfig.Builder> runnerConfig) {
        return start(HttpServer.builder().handler(handler).configure(c -> config.apply(c.host("127.0.0.1").port(0))),
                runnerConfig);
    }

    /** Starts the server {@code builder} builds; the builder sets the host and port. */
    public static TestServer start(HttpServer.Builder builder) {
        return start(builder, r -> r);
    }

    public static TestServer start(HttpServer.Builder builder, UnaryOperator<RunnerConfig.Builder> runnerConfig) {
        List<Report> reports = new CopyOnWriteArrayList<>();
        RunnerConfig config = runnerConfig.apply(RunnerConfig.builder().name("test").loops(2).handleSignals(false)
                .shutdownGrace(Duration.ofSeconds(2)).reporter(reports::add)).build();
        return new TestServer(builder.build().runInBackground(config), reports);
    }

    public HttpServer server() {
        return running.server();
    }

    public int port() {
        return running.port();
    }

    public ServerStatistics stats() {
        return running.server().statistics();
    }

    public int liveTasks() {
        return running.dump().tasks().size();
    }

    /** The reports of the server's runner so far (blocked loops, stragglers, ...). */
    public List<Report> reports() {
        return reports;
    }

    public Baseline baseline() {
        ServerStatistics s = stats();
        return new Baseline(s.connections(), s.activeRequests(), liveTasks());
    }

    /** Waits (bounded) until no connection is open and no request runs; returns that baseline. */
    public Baseline awaitIdle() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while ((stats().connections() != 0 || stats().activeRequests() != 0) && System.nanoTime() < deadline) {
            pause();
        }
        assertThat(stats().connections()).as("open connections of an idle server").isZero();
        assertThat(stats().activeRequests()).as("requests in flight on an idle server").isZero();
        return baseline();
    }

    /** Waits (bounded) until connections, requests and live tasks are back to {@code base}. */
    public void awaitBaseline(Baseline base, String after) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        Baseline now = baseline();
        while (!now.equals(base) && System.nanoTime() < deadline) {
            pause();
            now = baseline();
        }
        assertThat(now).as("connections, requests and live tasks after %s (baseline %s); %s", after, base,
                now.equals(base) ? "" : running.dump().text()).isEqualTo(base);
        assertThat(stats().bufferedRequestBytes()).as("request bytes still buffered after %s", after).isZero();
        assertThat(stats().bufferedResponseBytes()).as("response bytes still buffered after %s", after).isZero();
    }

    private static void pause() {
        try {
            Thread.sleep(2); // polling: the server publishes no "connection closed" event
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Requests shutdown and waits (60 s at most) for the server's runner to end; returns the exit code. */
    public int stop() {
        running.requestShutdown("test finished");
        return running.awaitExit(Duration.ofSeconds(60)).orElseThrow(
                () -> new AssertionError("server did not stop: " + running.dump().text()));
    }

    /** Stops the server unless {@link #stop()} already did (bounded, as there), and waits for its runner's thread. */
    @Override
    public void close() {
        if (running.awaitExit(Duration.ZERO).isEmpty()) {
            stop();
        }
        running.close();
    }
}
