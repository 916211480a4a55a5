package io.gyre.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.gyre.runtime.Report;
import io.gyre.runtime.Runner;
import io.gyre.runtime.RunnerConfig;
import io.gyre.server.Handler;
import io.gyre.server.HttpServer;
import io.gyre.server.ServerConfig;
import io.gyre.server.ServerStatistics;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * A server on 127.0.0.1 port 0 in its own runner (2 loops), with the runner's reports and the
 * server's log captured, and a check that connections and live tasks return to a baseline.
 */
final class ServerUnderTest implements AutoCloseable {
    /** What an idle server holds: open connections, requests in flight and live tasks. */
    record Baseline(int connections, int activeRequests, int liveTasks) {
    }

    private final HttpServer server;
    private final Runner runner;
    private final LogCapture log = LogCapture.start();
    private final List<Report> reports = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private final Thread thread;

    private ServerUnderTest(HttpServer server, RunnerConfig.Builder runnerConfig) {
        this.server = server;
        this.runner = Runner.create(runnerConfig.name("reliability").loops(2).handleSignals(false)
                .reporter(reports::add).build());
        CompletableFuture<Void> started = new CompletableFuture<>();
        this.thread = Thread.ofPlatform().name("server-under-test").start(() -> {
            try {
                runner.run(() -> {
                    try {
                        server.start();
                    } catch (Throwable t) {
                        started.completeExceptionally(t);
                        throw t;
                    }
                    started.complete(null);
                    exit.complete(server.serve());
                    return null;
                });
            } catch (Throwable t) {
                started.completeExceptionally(t);
                exit.completeExceptionally(t);
            }
        });
        started.join();
    }

    static ServerUnderTest start(Handler handler, UnaryOperator<ServerConfig.Builder> config) {
        return start(handler, config, r -> r);
    }

    static ServerUnderTest start(Handler handler, UnaryOperator<ServerConfig.Builder> config,
            UnaryOperator<RunnerConfig.Builder> runnerConfig) {
        HttpServer server = HttpServer.builder().handler(handler)
                .configure(c -> config.apply(c.host("127.0.0.1").port(0))).build();
        return new ServerUnderTest(server, runnerConfig.apply(RunnerConfig.builder().shutdownGrace(Duration.ofSeconds(2))));
    }

    int port() {
        return server.port();
    }

    HttpServer server() {
        return server;
    }

    ServerStatistics stats() {
        return server.statistics();
    }

    int liveTasks() {
        return runner.dump().tasks().size();
    }

    List<Report> reports() {
        return reports;
    }

    LogCapture log() {
        return log;
    }

    Baseline baseline() {
        ServerStatistics s = stats();
        return new Baseline(s.connections(), s.activeRequests(), liveTasks());
    }

    /** Waits (bounded) until no connection is open and no request runs; returns that baseline. */
    Baseline awaitIdle() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while ((stats().connections() != 0 || stats().activeRequests() != 0) && System.nanoTime() < deadline) {
            pause();
        }
        assertThat(stats().connections()).as("open connections of an idle server").isZero();
        assertThat(stats().activeRequests()).as("requests in flight on an idle server").isZero();
        return baseline();
    }

    private static void pause() {
        try {
            Thread.sleep(2); // polling: the server publishes no "connection closed" event
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Waits (bounded) until connections, requests and live tasks are back to {@code base}. */
    void awaitBaseline(Baseline base, String after) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        Baseline now = baseline();
        while (!now.equals(base) && System.nanoTime() < deadline) {
            pause();
            now = baseline();
        }
        assertThat(now).as("connections, requests and live tasks after %s (baseline %s); %s", after, base,
                now.equals(base) ? "" : runner.dump().text()).isEqualTo(base);
        assertThat(stats().bufferedRequestBytes()).as("request bytes still buffered after %s", after).isZero();
        assertThat(stats().bufferedResponseBytes()).as("response bytes still buffered after %s", after).isZero();
    }

    /** Requests shutdown and returns serve()'s exit code. */
    int stop() {
        server.requestShutdown("test finished");
        try {
            return exit.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("server did not stop: " + runner.dump().text(), e);
        }
    }

    @Override
    public void close() {
        try {
            if (!exit.isDone()) {
                stop();
            }
            thread.join(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            log.close();
        }
    }
}
