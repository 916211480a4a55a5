package io.gyre.server;

import io.gyre.runtime.Runner;
import io.gyre.runtime.RunnerConfig;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/** A server on 127.0.0.1 port 0 in its own runner, for tests. */
final class TestServer implements AutoCloseable {
    private final HttpServer server;
    private final Thread thread;
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();

    private TestServer(HttpServer server) {
        this.server = server;
        CompletableFuture<Void> started = new CompletableFuture<>();
        this.thread = Thread.ofPlatform().name("test-server").start(() -> {
            try {
                Runner.create(RunnerConfig.builder().name("test").loops(2).shutdownGrace(Duration.ofSeconds(2)).build())
                        .run(() -> {
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

    static TestServer start(Handler handler) {
        return start(handler, c -> c);
    }

    static TestServer start(Handler handler, UnaryOperator<ServerConfig.Builder> config) {
        return start(HttpServer.builder().handler(handler).configure(c -> config.apply(c.host("127.0.0.1").port(0))));
    }

    static TestServer start(HttpServer.Builder builder) {
        return new TestServer(builder.build());
    }

    HttpServer server() {
        return server;
    }

    int port() {
        return server.port();
    }

    ServerStatistics stats() {
        return server.statistics();
    }

    /** Requests shutdown and waits for serve() to return its exit code. */
    int stop() {
        server.requestShutdown("test finished");
        try {
            return exit.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("server did not stop", e);
        }
    }

    @Override
    public void close() {
        server.requestShutdown("test finished");
        try {
            thread.join(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
