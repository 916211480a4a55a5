package io.gyre.server;

import io.gyre.runtime.ExitStatus;
import io.gyre.runtime.Runner;
import io.gyre.runtime.RunnerConfig;
import io.gyre.runtime.internal.log.LazyLogger;
import io.gyre.server.internal.ServerCore;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * An HTTP/1.1 server on Gyre's loops: the Uvicorn counterpart.
 *
 * <p>As a program's main function, {@link #run()} does everything: it creates the runner (with
 * SIGINT/SIGTERM handling), runs the startup hooks, binds, serves until a signal (or
 * {@code limitMaxRequests}, or {@link #requestShutdown}), drains gracefully, runs the shutdown
 * hooks, and returns the exit code:
 *
 * {@snippet :
 * public static void main(String[] args) {
 *     System.exit(HttpServer.builder()
 *             .handler((request, response) -> response.send("hello\n"))
 *             .port(8000)
 *             .build()
 *             .run());
 * }
 * }
 *
 * <p>Inside a running Gyre program, {@link #start()} binds and returns, {@link #serve()} blocks
 * until shutdown is requested or the calling task is cancelled, and {@link #close()} shuts down
 * gracefully. From plain Java (a program's other threads, an end-to-end test),
 * {@link #runInBackground()} serves under a runner of its own and returns once bound.
 *
 * <p>Thread-safety: all methods may be called from any thread; {@link #start()} and
 * {@link #serve()} must run in a Gyre task.
 */
public final class HttpServer {
    /** Exit code of a clean run, including a graceful stop on SIGINT/SIGTERM: 0. */
    public static final int EXIT_OK = ServerCore.EXIT_OK;
    /** Exit code when the server could not start (a startup hook failed, the port was taken): 4. */
    public static final int EXIT_STARTUP_FAILED = ServerCore.EXIT_STARTUP_FAILED;
    /** Exit code when shutdown had to cancel requests still running after the graceful timeout: 5. */
    public static final int EXIT_GRACEFUL_TIMEOUT = ServerCore.EXIT_GRACEFUL_TIMEOUT;

    private static final System.Logger LOG = LazyLogger.named("io.gyre.server");

    private final ServerCore core;

    private HttpServer(ServerCore core) {
        this.core = core;
    }

    /**
     * Returns a builder with the default configuration.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the configuration.
     *
     * @return the configuration
     */
    public ServerConfig config() {
        return core.config();
    }

    /**
     * Runs the startup hooks, binds the port and starts serving. Blocking until bound.
     *
     * @throws ServerStartupException if a startup hook failed or the address cannot be bound
     * @throws io.gyre.runtime.CancelledException if the calling task was cancelled while the server
     *     started; the server is shut down again
     * @throws IllegalStateException if not called in a Gyre task, or if the server was started
     *     before
     */
    public void start() {
        core.start();
    }

    /**
     * Serves until shutdown is requested ({@link #requestShutdown}, {@code limitMaxRequests}) or
     * the calling task is cancelled (the runner cancels the main task on SIGINT/SIGTERM), then
     * shuts down gracefully. Starts the server first if needed. Blocking.
     *
     * @return the exit code: {@link #EXIT_OK}, or {@link #EXIT_GRACEFUL_TIMEOUT} if requests had
     *     to be cancelled
     * @throws ServerStartupException if the server had to start and could not
     */
    public int serve() {
        return core.serve();
    }

    /**
     * Asks {@link #serve()} to shut down gracefully. Non-blocking and idempotent.
     *
     * @param reason why, for the log
     */
    public void requestShutdown(String reason) {
        core.requestShutdown(reason);
    }

    /**
     * Shuts down gracefully (or waits for the shutdown already under way). Blocking.
     *
     * @return the exit code, as for {@link #serve()}
     */
    public int close() {
        return core.close();
    }

    /**
     * Returns the bound port: useful with port 0.
     *
     * @return the port
     * @throws IllegalStateException if the server has not bound yet, or listens on a Unix domain
     *     socket ({@link ServerConfig#uds()}), which has no port
     */
    public int port() {
        return core.port();
    }

    /**
     * Tells whether the server is serving and not shutting down (what the readiness path says).
     *
     * @return {@code true} while ready
     */
    public boolean isReady() {
        return core.isReady();
    }

    /**
     * Returns the app state shared by the lifespan hooks and requests.
     *
     * @return the app state
     */
    public AppState state() {
        return core.state();
    }

    /**
     * Returns a snapshot of the server's counters.
     *
     * @return the statistics
     */
    public ServerStatistics statistics() {
        return core.statistics();
    }

    /**
     * Runs the server as the process's main function: creates a runner that handles
     * SIGINT/SIGTERM (the first drains gracefully, a second forces the exit with code 3), serves,
     * and returns the exit code. Does not call {@link System#exit}. Blocking.
     *
     * @return {@link #EXIT_OK}, {@link #EXIT_STARTUP_FAILED}, {@link #EXIT_GRACEFUL_TIMEOUT}, or
     *     the runner's {@link ExitStatus} code if the main task failed
     */
    public int run() {
        String level = core.config().logLevel();
        LazyLogger.setUp(() -> LogSetUp.apply(level));
        int[] code = {EXIT_OK};
        Runner runner = Runner.create(runnerConfig().build());
        ExitStatus status = runner.runForStatus(() -> {
            try {
                code[0] = serve();
            } catch (ServerStartupException e) {
                // a socket that cannot be bound is said in full by the message; an app's failure keeps its stack
                LOG.log(Level.ERROR, e.getMessage(), core.bindFailed() ? null : e.getCause());
                code[0] = EXIT_STARTUP_FAILED;
            }
            return null;
        });
        return status == ExitStatus.CLEAN ? code[0] : status.code();
    }

    /**
     * Starts the server under a runner of its own, on a thread of its own, and returns once it is
     * bound: for a program whose main thread goes on with other work, and for end-to-end tests.
     * The runner is named {@code gyre-server}, has {@link ServerConfig#loops()} loops (the
     * runner's default when 0) and handles SIGINT/SIGTERM only as {@link RunnerConfig#handleSignals()}
     * says (by default it leaves them to the program). Logging is left as the program set it up.
     *
     * @return the running server; {@link BackgroundServer#close()} shuts it down gracefully
     * @throws ServerStartupException if a startup hook failed, the address cannot be bound, or the
     *     runner was shut down first (the runner has ended when it is thrown)
     * @throws IllegalStateException if the server was started before, or if the calling thread
     *     was interrupted while the server started (the runner is then shut down)
     */
    public BackgroundServer runInBackground() {
        return runInBackground(runnerConfig().build());
    }

    /** The runner {@link #run()} and {@link #runInBackground()} make: named, with the configured loops. */
    private RunnerConfig.Builder runnerConfig() {
        RunnerConfig.Builder rc = RunnerConfig.builder().name("gyre-server");
        if (core.config().loops() > 0) {
            rc.loops(core.config().loops());
        }
        return rc;
    }

    /**
     * Starts the server under a runner made from {@code runner} (its loops, reporter, signal
     * handling, grace periods), on a thread of its own, and returns once it is bound.
     *
     * @param runner the runner's configuration
     * @return the running server; {@link BackgroundServer#close()} shuts it down gracefully
     * @throws ServerStartupException if a startup hook failed, the address cannot be bound, or the
     *     runner was shut down first (the runner has ended when it is thrown)
     * @throws IllegalStateException if the server was started before, or if the calling thread
     *     was interrupted while the server started (the runner is then shut down)
     */
    public BackgroundServer runInBackground(RunnerConfig runner) {
        return BackgroundServer.start(this, runner);
    }

    @Override
    public String toString() {
        ServerConfig c = core.config();
        return "HttpServer[" + (c.uds().isEmpty() ? c.host() + ":" + c.port() : "unix:" + c.uds()) + "]";
    }

    /** Builds an {@link HttpServer}: the app, its lifespan hooks and the configuration. Not thread-safe. */
    public static final class Builder {
        private Handler handler;
        private ServerConfig.Builder config = ServerConfig.builder();
        private final List<LifespanHook> startup = new ArrayList<>();
        private final List<LifespanHook> shutdown = new ArrayList<>();
        private AppState state = new AppState();
        private final java.util.Map<String, WebSocketEndpoint> webSockets = new java.util.LinkedHashMap<>();
        private final List<java.util.function.Function<String, java.util.Optional<WebSocketEndpoint>>> webSocketRouters =
                new ArrayList<>();

        private Builder() {
        }

        /**
         * Sets the app.
         *
         * @param handler the handler for every request
         * @return this builder
         */
        public Builder handler(Handler handler) {
            this.handler = Objects.requireNonNull(handler, "handler");
            return this;
        }

        /**
         * Replaces the whole configuration.
         *
         * @param config the configuration
         * @return this builder
         */
        public Builder config(ServerConfig config) {
            this.config = config.toBuilder();
            return this;
        }

        /**
         * Changes options of the configuration, e.g.
         * {@code configure(c -> c.gracefulTimeout(Duration.ofSeconds(10)))}.
         *
         * @param change applied to the configuration builder
         * @return this builder
         */
        public Builder configure(UnaryOperator<ServerConfig.Builder> change) {
            this.config = change.apply(config);
            return this;
        }

        /**
         * Sets the bind address.
         *
         * @param host the host or IP
         * @return this builder
         */
        public Builder host(String host) {
            config.host(host);
            return this;
        }

        /**
         * Sets the port.
         *
         * @param port 0..65535; 0 picks a free port
         * @return this builder
         */
        public Builder port(int port) {
            config.port(port);
            return this;
        }

        /**
         * Adds a startup hook: runs before the server binds; a failure stops the start.
         *
         * @param hook the hook
         * @return this builder
         */
        public Builder onStartup(LifespanHook hook) {
            startup.add(Objects.requireNonNull(hook, "hook"));
            return this;
        }

        /**
         * Adds a shutdown hook: runs after the drain (in reverse order of adding), also on a
         * forced exit, within {@link ServerConfig#shutdownHookTimeout()}.
         *
         * @param hook the hook
         * @return this builder
         */
        public Builder onShutdown(LifespanHook hook) {
            shutdown.add(Objects.requireNonNull(hook, "hook"));
            return this;
        }

        /**
         * Uses {@code state} as the app state (a fresh one by default).
         *
         * @param state the state
         * @return this builder
         */
        public Builder state(AppState state) {
            this.state = Objects.requireNonNull(state, "state");
            return this;
        }

        /**
         * Adds a WebSocket endpoint at an exact path (see {@link WebSocketSession}).
         *
         * {@snippet :
         * HttpServer.builder()
         *         .handler((request, response) -> response.send("hello\n"))
         *         .webSocket("/ws", session -> {
         *             for (WebSocketMessage message : session) {
         *                 session.send(message);
         *             }
         *         })
         *         .build();
         * }
         *
         * @param path the raw request path, e.g. {@code /ws}
         * @param handler runs each session
         * @return this builder
         */
        public Builder webSocket(String path, WebSocketHandler handler) {
            return webSocket(path, WebSocketEndpoint.of(handler));
        }

        /**
         * Adds a WebSocket endpoint (with subprotocols, an acceptor, limits) at an exact path.
         * Requests to {@code path} that ask for {@code Upgrade: websocket} go to the endpoint;
         * other requests go to the handler.
         *
         * @param path the raw request path, e.g. {@code /ws}
         * @param endpoint the endpoint
         * @return this builder
         */
        public Builder webSocket(String path, WebSocketEndpoint endpoint) {
            webSockets.put(Objects.requireNonNull(path, "path"), Objects.requireNonNull(endpoint, "endpoint"));
            return this;
        }

        /**
         * Adds a WebSocket router, asked (after the exact paths) for the endpoint of a raw request
         * path: for frameworks with path patterns.
         *
         * @param router maps a path to its endpoint, or to empty
         * @return this builder
         */
        public Builder webSocketRouter(java.util.function.Function<String, java.util.Optional<WebSocketEndpoint>> router) {
            webSocketRouters.add(Objects.requireNonNull(router, "router"));
            return this;
        }

        /**
         * Builds the server (not started).
         *
         * @return the server
         * @throws IllegalStateException if no handler was set
         * @throws IllegalArgumentException naming an invalid option
         */
        public HttpServer build() {
            if (handler == null) {
                throw new IllegalStateException("HttpServer.builder() needs a handler: call"
                        + " .handler((request, response) -> response.send(\"hello\")) before build()");
            }
            return new HttpServer(new ServerCore(config.build(), handler, startup, shutdown, state)
                    .webSockets(new io.gyre.server.internal.ws.WebSocketRoutes(webSockets, webSocketRouters)));
        }
    }
}
