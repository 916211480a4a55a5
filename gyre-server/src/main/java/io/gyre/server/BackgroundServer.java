package io.gyre.server;

import io.gyre.runtime.Cancellation;
import io.gyre.runtime.CancelledException;
import io.gyre.runtime.Runner;
import io.gyre.runtime.RunnerConfig;
import io.gyre.runtime.TaskDump;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An {@link HttpServer} serving under a runner of its own, on a thread of its own, while the
 * thread that started it goes on: for a program whose main thread has other work, and for
 * end-to-end tests. {@link HttpServer#runInBackground()} returns it once the server is bound;
 * {@link #close()} shuts the server down gracefully and waits for its runner's ordered close, so
 * nothing it started outlives it.
 *
 * {@snippet :
 * try (BackgroundServer running = HttpServer.builder()
 *         .handler((request, response) -> response.send("hello\n"))
 *         .host("127.0.0.1")
 *         .port(0)
 *         .build()
 *         .runInBackground()) {
 *     URI base = URI.create("http://127.0.0.1:" + running.port() + "/");
 *     // ... send requests to base
 * }
 * }
 *
 * <p>{@link #stop()} returns the exit code; {@link #close()} is the same for try-with-resources,
 * and also waits for the runner's thread to end. The runner's thread is not a daemon: a program
 * that never closes its background server goes on serving after its main method returns, as a
 * server should. Starting blocks for as long as the startup hooks take; interrupting the starting
 * thread shuts the runner down.
 *
 * <p>Thread-safety: all methods may be called from any thread, but {@link #stop()},
 * {@link #close()} and {@link #awaitExit} not from a task of the server's own runner (a request
 * handler, say), which they would wait for; such a task calls {@link #requestShutdown} instead.
 */
public final class BackgroundServer implements AutoCloseable {
    private final HttpServer server;
    private final Runner runner;
    private final Thread thread;
    /* Completed by the runner's thread when the runner has ended: serve()'s exit code, or how the runner failed. */
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();

    private BackgroundServer(HttpServer server, RunnerConfig config) {
        this.server = server;
        this.runner = Runner.create(config);
        CompletableFuture<Void> started = new CompletableFuture<>();
        this.thread = Thread.ofPlatform().name(config.name() + "-background").start(() -> runAll(started));
        try {
            started.get();
        } catch (ExecutionException e) {
            awaitRunnerEnd();
            throw startFailure(e.getCause());
        } catch (InterruptedException e) {
            runner.shutdown("the thread starting " + server + " in the background was interrupted");
            awaitRunnerEnd();
            Thread.currentThread().interrupt();
            deliverCancellation();
            throw new IllegalStateException("interrupted while starting " + server + " in the background; its"
                    + " runner '" + runner.name() + "' was shut down", e);
        }
    }

    /** Starts {@code server} under a new runner made from {@code config}; returns once it is bound. */
    static BackgroundServer start(HttpServer server, RunnerConfig config) {
        return new BackgroundServer(Objects.requireNonNull(server, "server"), Objects.requireNonNull(config, "config"));
    }

    /** The runner's thread: starts, tells the starting thread, serves, and records how it all ended. */
    private void runAll(CompletableFuture<Void> started) {
        try {
            int code = runner.run(() -> {
                try {
                    server.start();
                } catch (Throwable t) {
                    started.completeExceptionally(t);
                    throw t;
                }
                started.complete(null);
                return server.serve();
            });
            exit.complete(code);
        } catch (Throwable t) {
            // before the start (the runner was shut down, say), the starting thread learns it here
            started.completeExceptionally(t);
            exit.completeExceptionally(t);
        }
    }

    private RuntimeException startFailure(Throwable failure) {
        if (failure instanceof ServerStartupException e) {
            return new ServerStartupException(e.getMessage(), e);
        }
        if (failure instanceof CancelledException e) {
            return new ServerStartupException("the runner '" + runner.name() + "' was shut down before " + server
                    + " started: " + e.getMessage(), e);
        }
        return failure instanceof RuntimeException r ? r : new ServerStartupException(
                "the background server failed to start: " + failure, failure);
    }

    /**
     * Returns the server, for its port, state and statistics. Shut it down through this object
     * ({@link #stop()}, {@link #close()}), which also waits for the runner's ordered close;
     * {@link HttpServer#close()} returns once the server has drained, with the runner still ending.
     *
     * @return the server, bound and serving until shut down
     */
    public HttpServer server() {
        return server;
    }

    /**
     * Returns the bound port: useful with port 0.
     *
     * @return the port
     */
    public int port() {
        return server.port();
    }

    /**
     * Takes a snapshot of every live task of the server's runner (see {@link Runner#dump()}).
     *
     * @return the dump; empty once the runner has ended
     */
    public TaskDump dump() {
        return runner.dump();
    }

    /**
     * Asks the server to shut down gracefully (see {@link HttpServer#requestShutdown}). Non-blocking
     * and idempotent.
     *
     * @param reason why, for the log
     */
    public void requestShutdown(String reason) {
        server.requestShutdown(reason);
    }

    /**
     * Waits, at most {@code timeout}, for the server's runner to end: after a shutdown was
     * requested, the drain, the shutdown hooks and the runner's ordered close.
     *
     * @param timeout how long to wait at most
     * @return the exit code ({@link HttpServer#EXIT_OK} or {@link HttpServer#EXIT_GRACEFUL_TIMEOUT}),
     *     or empty if the runner still runs
     * @throws RuntimeException what the runner's main task failed with, if it failed
     * @throws IllegalStateException if called from a task of this server's runner, or if the
     *     calling thread was interrupted (its interrupt status is set again)
     * @throws CancelledException if the caller is a Gyre task that was cancelled while waiting
     */
    public OptionalInt awaitExit(Duration timeout) {
        checkNotOwnTask("awaitExit");
        try {
            return OptionalInt.of(exitCode(timeout));
        } catch (TimeoutException e) {
            return OptionalInt.empty();
        }
    }

    /** The exit code, waiting at most {@code timeout} ({@code null}: no bound); the runner's failure as is. */
    private int exitCode(Duration timeout) throws TimeoutException {
        try {
            return timeout == null ? exit.get() : exit.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            deliverCancellation();
            throw new IllegalStateException("interrupted while waiting for " + this + " to exit", e);
        }
    }

    /**
     * Shuts the server down gracefully and waits for its runner to end. Each step of that is
     * bounded by the server's and the runner's configuration (graceful timeout, shutdown-hook
     * timeout, shutdown grace). Calling it again returns the same code.
     *
     * @return the exit code ({@link HttpServer#EXIT_OK} or {@link HttpServer#EXIT_GRACEFUL_TIMEOUT})
     * @throws RuntimeException what the runner's main task failed with, if it failed
     * @throws IllegalStateException if called from a task of this server's runner, or if the
     *     calling thread was interrupted (its interrupt status is set again)
     * @throws CancelledException if the caller is a Gyre task that was cancelled while waiting
     */
    public int stop() {
        checkNotOwnTask("stop");
        requestShutdown("BackgroundServer.stop()");
        try {
            return exitCode(null);
        } catch (TimeoutException e) {
            throw new IllegalStateException("internal error: an unbounded wait timed out (please report)", e);
        }
    }

    /**
     * Stops the server (see {@link #stop()}) and waits for its runner's thread to end.
     *
     * @throws RuntimeException what the runner's main task failed with, if it failed
     * @throws IllegalStateException if called from a task of this server's runner
     */
    @Override
    public void close() {
        checkNotOwnTask("close");
        try {
            stop();
        } finally {
            awaitRunnerEnd();
        }
    }

    private void awaitRunnerEnd() {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** In a Gyre task, an interrupt is its cancellation: raises it as {@link CancelledException}. */
    private static void deliverCancellation() {
        if (Runner.current().isPresent()) {
            Cancellation.checkpoint();
        }
    }

    private void checkNotOwnTask(String method) {
        if (Runner.current().orElse(null) == runner) {
            throw new IllegalStateException(this + ": " + method + "() was called from a task of the server's own"
                    + " runner, which it would wait for forever. Call requestShutdown(reason) there instead; the"
                    + " thread that started the server can then stop() it.");
        }
    }

    @Override
    public String toString() {
        return "BackgroundServer[" + server + ", runner '" + runner.name() + "'"
                + (exit.isDone() ? ", ended" : "") + "]";
    }
}
