package io.gyre.server.internal;

import io.gyre.runtime.Cancellation;
import io.gyre.runtime.CancelledException;
import io.gyre.runtime.Loop;
import io.gyre.runtime.Runner;
import io.gyre.runtime.Supervisor;
import io.gyre.runtime.Timeout;
import io.gyre.runtime.internal.log.LazyLogger;
import io.gyre.server.AppState;
import io.gyre.server.Handler;
import io.gyre.server.LifespanHook;
import io.gyre.server.ServerConfig;
import io.gyre.server.ServerStartupException;
import io.gyre.server.ServerStatistics;
import io.gyre.server.internal.http.HttpLimits;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The server behind {@link io.gyre.server.HttpServer}: lifespan, listener, loops, request scope,
 * and the graceful shutdown sequence.
 */
public final class ServerCore {
    /*
     * Overview: start() runs the startup hooks, binds, opens the "requests" supervisor, starts a
     * LoopContext per serving loop and registers the Acceptor on a loop of its own (so a handler
     * that blocks a serving loop does not stop accepts; shutdown stops that loop). serve() waits for a
     * shutdown request (API, limit-max-requests, or cancellation of the calling task, which is how
     * the runner delivers SIGINT/SIGTERM), then shutdown() runs the sequence documented in
     * docs/server.md.
     *
     * Threads: `state` is guarded by `this`; `ready`/`draining` are volatile flags read by loops
     * and handlers; `idle` is a monitor notified when connections or requests drop during a drain.
     */
    /** Made on first use, normally the "listening" line once the acceptor is registered (see LazyLogger). */
    static final System.Logger LOG = LazyLogger.named("io.gyre.server");

    /** Exit code: clean. */
    public static final int EXIT_OK = 0;
    /** Exit code: the server could not start. */
    public static final int EXIT_STARTUP_FAILED = 4;
    /** Exit code: shutdown had to cancel requests still running at the graceful timeout. */
    public static final int EXIT_GRACEFUL_TIMEOUT = 5;

    private enum State { NEW, STARTING, SERVING, DRAINING, STOPPED }

    private final ServerConfig config;
    private final Handler handler;
    private final List<LifespanHook> startupHooks;
    private final List<LifespanHook> shutdownHooks;
    private final AppState appState;
    private final Counters counters = new Counters();
    private final TrustedProxies proxies;
    private final HttpLimits limits;
    private final long maxRequests;
    private final CountDownLatch shutdownRequested = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicBoolean hooksRan = new AtomicBoolean();
    private final Object idle = new Object();
    private volatile boolean ready;
    private volatile boolean draining;
    /* Actions of in-flight requests to run when the drain begins (Request.onShutdown); whoever removes one runs it. */
    private final java.util.Set<Runnable> onShutdown = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /* Set by start() before it throws for a listener it could not bind: a failure its message says in full. */
    private volatile boolean bindFailed;
    private volatile String shutdownReason = "shutdown requested";
    private State state = State.NEW;
    private Supervisor requests;
    private List<LoopContext> contexts = List.of();
    private Acceptor acceptor;
    private Loop acceptorLoop;
    private volatile int port = -1;
    /* The --uds socket file, removed at shutdown; null when listening on TCP or an inherited socket. */
    private volatile UnixSocketFile socketFile;
    /* Where the server listens, as its log line says, once bound. */
    private volatile String listening;
    private int exitCode = EXIT_OK;
    private Thread jvmHook;
    private io.gyre.server.internal.ws.WebSocketRoutes webSockets = io.gyre.server.internal.ws.WebSocketRoutes.NONE;

    /**
     * Creates a server core.
     *
     * @param config the configuration
     * @param handler the app
     * @param startupHooks run before binding, in order
     * @param shutdownHooks run after the drain, in reverse order
     * @param appState shared with requests
     */
    public ServerCore(ServerConfig config, Handler handler, List<LifespanHook> startupHooks,
            List<LifespanHook> shutdownHooks, AppState appState) {
        this.config = config;
        this.handler = handler;
        this.startupHooks = List.copyOf(startupHooks);
        this.shutdownHooks = List.copyOf(shutdownHooks);
        this.appState = appState;
        this.proxies = new TrustedProxies(config.proxyHeaders(), config.forwardedAllowIps());
        this.limits = new HttpLimits(config.maxRequestLineBytes(), config.maxHeaderBytes(), 100, config.maxBodyBytes());
        long jitter = config.limitMaxRequestsJitter();
        this.maxRequests = config.limitMaxRequests() == 0 ? 0
                : config.limitMaxRequests() + (jitter == 0 ? 0 : ThreadLocalRandom.current().nextLong(jitter + 1));
    }

    // ------------------------------------------------------------------------- accessors

    /** @return the configuration */
    public ServerConfig config() {
        return config;
    }

    Handler handler() {
        return handler;
    }

    /**
     * Sets the WebSocket endpoints (before start).
     *
     * @param routes the endpoints
     * @return this server core
     */
    public ServerCore webSockets(io.gyre.server.internal.ws.WebSocketRoutes routes) {
        this.webSockets = routes;
        return this;
    }

    io.gyre.server.internal.ws.WebSocketRoutes webSockets() {
        return webSockets;
    }

    /** @return the app state */
    public AppState state() {
        return appState;
    }

    Counters counters() {
        return counters;
    }

    TrustedProxies proxies() {
        return proxies;
    }

    HttpLimits limits() {
        return limits;
    }

    Supervisor requests() {
        return requests;
    }

    boolean draining() {
        return draining;
    }

    /** See {@link io.gyre.server.Request#onShutdown}. */
    Runnable onShutdown(Runnable action) {
        java.util.Objects.requireNonNull(action, "action");
        onShutdown.add(action);
        if (draining && onShutdown.remove(action)) {
            action.run();
        }
        return () -> onShutdown.remove(action);
    }

    /**
     * Tells whether a request path is the configured readiness path (never when none is set).
     *
     * @param path the request's raw path
     * @return true if the server answers it itself
     */
    public boolean isReadinessPath(String path) {
        String readiness = config.readinessPath();
        return !readiness.isEmpty() && readiness.equals(path);
    }

    /** @return whether the server is serving and not shutting down */
    public boolean isReady() {
        return ready;
    }

    /** @return the bound port */
    public int port() {
        int p = port;
        String on = listening;
        if (p < 0 && on != null) {
            throw new IllegalStateException("the server listens on " + on + ", which has no TCP port: connect to"
                    + " the socket file (uds) instead of asking for a port");
        }
        if (p < 0) {
            throw new IllegalStateException("the server has not bound its port yet: call start() or serve() first");
        }
        return p;
    }

    /**
     * Tells whether the start failed because the listener could not be bound, which the failure's
     * message says in full (an app's failure, by contrast, needs its stack trace).
     *
     * @return true once a bind failed
     */
    public boolean bindFailed() {
        return bindFailed;
    }

    /** @return a snapshot of the counters */
    public ServerStatistics statistics() {
        return counters.snapshot();
    }

    // ------------------------------------------------------------------------ lifecycle

    /**
     * Runs the startup hooks, binds, and starts accepting. Blocking; in a Gyre task. A cancellation
     * of the calling task that arrived while the start waited for its last step is not lost: the
     * server shuts down again and the cancellation is thrown.
     */
    public void start() {
        String cancelled = startServing();
        if (cancelled != null) {
            shutdown(cancelled);
            throw new CancelledException(cancelled);
        }
    }

    /**
     * Starts; returns the reason of a cancellation of the calling task consumed while it waited for
     * the acceptor (a step that must not be left half done), or null.
     */
    private String startServing() {
        synchronized (this) {
            if (state != State.NEW) {
                throw new IllegalStateException("HttpServer cannot start: it is " + state + "; a server starts once."
                        + " Build a new one with HttpServer.builder().");
            }
            state = State.STARTING;
        }
        Runner runner = Runner.current().orElseThrow(() -> {
            synchronized (this) {
                state = State.NEW;
            }
            return new IllegalStateException("HttpServer.start() was called from thread '"
                    + Thread.currentThread().getName() + "', outside a Gyre runner. Call it inside"
                    + " Gyre.run(() -> ...), or use server.run() which creates the runner.");
        });
        for (int i = 0; i < startupHooks.size(); i++) {
            LifespanHook hook = startupHooks.get(i);
            try {
                hook.run(appState);
            } catch (Throwable t) {
                markStopped();
                // a signal (or the runner's shutdown) during the start is not a failure; a hook's JDK
                // call sees the task's cancellation as an interrupt
                if (t instanceof CancelledException e) {
                    throw e;
                }
                if (t instanceof InterruptedException && Cancellation.isRequested()) {
                    throw new CancelledException("the server was stopped while its startup hook "
                            + describe(hook, i) + " ran");
                }
                throw new ServerStartupException("the app's startup hook " + describe(hook, i) + " failed: " + t
                        + "; the server did not start", t);
            }
        }
        CodecWarmup.run();
        ServerSocketChannel listener;
        String where;
        try {
            listener = openListener();
            SocketAddress local = listener.getLocalAddress();
            if (local instanceof InetSocketAddress inet) {
                port = inet.getPort();
            }
            where = Listening.describe(config, local, hostPort(port));
            listening = where;
        } catch (IOException | RuntimeException e) {
            runShutdownHooks();
            bindFailed = true;
            markStopped();
            throw new ServerStartupException("cannot listen on " + Listening.target(config, hostPort(config.port()))
                    + ": " + bindAdvice(e), e);
        }
        List<Loop> all = runner.loops().loops();
        int n = config.loops() == 0 ? all.size() : Math.min(config.loops(), all.size());
        List<LoopContext> ctxs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            LoopContext c = new LoopContext(this, all.get(i));
            c.start();
            ctxs.add(c);
        }
        contexts = List.copyOf(ctxs);
        requests = Supervisor.open("requests", (task, failure) ->
                LOG.log(Level.WARNING, "request task '" + task.name() + "' failed", failure));
        acceptorLoop = Loop.create("gyre-acceptor");
        acceptorLoop.start();
        acceptor = new Acceptor(this, listener, acceptorLoop, contexts);
        // a cancellation consumed while waiting here is the caller's: returned, so that it acts on it
        String cancelled = runOn(acceptorLoop, acceptor::register);
        jvmHook = Thread.ofPlatform().name("gyre-server-exit").unstarted(this::onJvmExit);
        try {
            Runtime.getRuntime().addShutdownHook(jvmHook);
        } catch (IllegalStateException e) {
            jvmHook = null; // the JVM is already exiting
        }
        synchronized (this) {
            state = State.SERVING;
        }
        ready = true;
        Listening.warnIgnoredHostAndPort(config);
        LOG.log(Level.INFO, "Gyre server listening on " + where + " (" + n + " loop" + (n == 1 ? "" : "s") + ")");
        return cancelled;
    }

    /** Binds the listener the configuration names: an inherited socket, a socket file, or host:port. */
    private ServerSocketChannel openListener() throws IOException {
        if (config.fd() == 0) {
            return InheritedListener.open();
        }
        if (!config.uds().isEmpty()) {
            UnixSocketFile file = UnixSocketFile.bind(config.uds(), config.backlog());
            socketFile = file;
            return file.channel();
        }
        ServerSocketChannel listener = ServerSocketChannel.open();
        try {
            listener.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            listener.bind(new InetSocketAddress(config.host(), config.port()), config.backlog());
            listener.configureBlocking(false);
        } catch (IOException | RuntimeException e) {
            listener.close();
            throw e;
        }
        return listener;
    }

    /** A startup hook as the user knows it: its own toString, or its place in the list for a lambda. */
    private String describe(LifespanHook hook, int index) {
        String s = String.valueOf(hook);
        return s.contains("$$Lambda") ? "#" + (index + 1) + " of " + startupHooks.size() : s;
    }

    /** host:port as in a URL: an IPv6 literal in brackets. */
    private String hostPort(int p) {
        String host = config.host();
        return (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + p;
    }

    /** Why binding failed, and what to do about it. */
    private String bindAdvice(Exception e) {
        if (e instanceof ListenException) {
            return e.getMessage();
        }
        if (!config.uds().isEmpty() || config.fd() == 0) {
            return e + ". Check the listener option (uds(...), --uds, GYRE_UDS; fd(...), --fd, GYRE_FD).";
        }
        String hostOptions = " (host(...), --host, GYRE_HOST)";
        if (e instanceof java.nio.channels.UnresolvedAddressException) {
            return "the host '" + config.host() + "' does not resolve to an address. Use an IP address such as"
                    + " 127.0.0.1 or 0.0.0.0, or a name this machine resolves" + hostOptions + ".";
        }
        String m = String.valueOf(e.getMessage());
        if (e instanceof BindException && m.contains("in use")) {
            return "the port is in use. Stop the process holding it or choose another one (port(...), --port,"
                    + " GYRE_PORT; 0 picks a free port).";
        }
        if (e instanceof BindException && m.contains("assign")) {
            return "'" + config.host() + "' is not an address of this machine. Bind one of its own addresses, or"
                    + " 0.0.0.0 for all of them" + hostOptions + ".";
        }
        return e + ". Check the host and port (host(...), --host, GYRE_HOST; port(...), --port, GYRE_PORT).";
    }

    /** Serves until shutdown is requested or the calling task is cancelled; returns the exit code. */
    public int serve() {
        boolean started;
        synchronized (this) {
            started = state != State.NEW;
        }
        if (!started) {
            String cancelled = startServing();
            if (cancelled != null) {
                requestShutdown(cancelled); // serving ends as for a cancellation while serving
            }
        }
        String reason;
        try {
            shutdownRequested.await();
            reason = shutdownReason;
        } catch (InterruptedException e) {
            reason = consumeCancellation();
        }
        return shutdown(reason);
    }

    private static String consumeCancellation() {
        try {
            Cancellation.checkpoint();
            return "the serving task was interrupted";
        } catch (CancelledException ce) {
            return ce.reason().isEmpty() ? "the serving task was cancelled" : ce.reason();
        }
    }

    /** Asks serve() to shut down gracefully. Idempotent, non-blocking, any thread. */
    public void requestShutdown(String reason) {
        if (shutdownRequested.getCount() > 0) {
            shutdownReason = reason;
            shutdownRequested.countDown();
        }
    }

    /** Shuts down now (if serve() is not running it) or waits for serve() to finish it. */
    public int close() {
        synchronized (this) {
            if (state == State.NEW || state == State.STOPPED) {
                state = State.STOPPED;
                return exitCode;
            }
        }
        return shutdown("HttpServer.close() was called");
    }

    /** The graceful shutdown sequence; runs once, other callers wait for it. */
    int shutdown(String reason) {
        synchronized (this) {
            if (state == State.DRAINING || state == State.STOPPED) {
                awaitStopped();
                return exitCode;
            }
            state = State.DRAINING;
        }
        requestShutdown(reason);
        ready = false;
        LOG.log(Level.INFO, "shutting down (" + reason + "): waiting up to " + config.gracefulTimeout().toMillis()
                + " ms for " + counters.active.get() + " in-flight request(s)");
        if (!config.shutdownDelay().isZero()) {
            pause(config.shutdownDelay());
        }
        acceptor.close();
        acceptorLoop.stop("HttpServer shutdown (the listener closed)");
        draining = true;
        for (LoopContext c : contexts) {
            runOn(c.loop, c::drain);
        }
        for (Runnable action : onShutdown) {
            if (onShutdown.remove(action)) {
                try {
                    action.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "a request's shutdown action failed", e);
                }
            }
        }
        boolean clean = awaitIdle(config.gracefulTimeout(), true);
        int code = EXIT_OK;
        if (!clean) {
            int left = counters.active.get();
            LOG.log(Level.WARNING, "the graceful timeout of " + config.gracefulTimeout().toMillis() + " ms passed with "
                    + left + " request(s) still running; cancelling them");
            if (left > 0) {
                code = EXIT_GRACEFUL_TIMEOUT;
            }
            requests.cancelAll("the server is shutting down and the graceful timeout of "
                    + config.gracefulTimeout().toMillis() + " ms passed");
            awaitIdle(config.cancelGrace(), false);
        }
        for (LoopContext c : contexts) {
            runOn(c.loop, c::closeAll);
        }
        removeSocketFile();
        requests.close(Duration.ofMillis(100));
        runShutdownHooks();
        if (jvmHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(jvmHook);
            } catch (IllegalStateException e) {
                // the JVM is exiting already
            }
        }
        synchronized (this) {
            exitCode = code;
        }
        markStopped();
        LOG.log(Level.INFO, "server stopped" + (code == EXIT_OK ? "" : " (requests were cancelled)"));
        return code;
    }

    private void removeSocketFile() {
        UnixSocketFile file = socketFile;
        if (file != null) {
            file.remove();
        }
    }

    private void markStopped() {
        synchronized (this) {
            state = State.STOPPED;
        }
        ready = false;
        stopped.countDown();
    }

    private void awaitStopped() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            throw Blocking.cancelled("waiting for the server to stop");
        }
    }

    /** Waits until no connection (or, with connections=false, no request) is left. */
    private boolean awaitIdle(Duration timeout, boolean connections) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (idle) {
            while (connections ? counters.connections.get() > 0 : counters.active.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    idle.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    consumeCancellation(); // a repeated cancellation does not cut the drain short
                }
            }
        }
        return true;
    }

    private static void pause(Duration d) {
        long deadline = System.nanoTime() + d.toNanos();
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            try {
                Thread.sleep(Duration.ofNanos(left));
            } catch (InterruptedException e) {
                consumeCancellation();
            }
        }
    }

    /**
     * Runs {@code r} on {@code loop} and waits for it; runs it at once on the loop's own thread. A
     * cancellation of the caller does not cut the wait short (the steps it waits for are short and
     * must not be left half done): it is consumed, and its reason returned.
     *
     * @return the reason of a cancellation consumed while waiting, or {@code null}
     */
    static String runOn(Loop loop, Runnable r) {
        if (loop.inLoop()) {
            r.run();
            return null;
        }
        CountDownLatch done = new CountDownLatch(1);
        try {
            loop.execute(() -> {
                try {
                    r.run();
                } finally {
                    done.countDown();
                }
            });
        } catch (RuntimeException e) {
            return null; // the loop is closed: nothing left to do on it
        }
        String cancelled = null;
        boolean finished = false;
        while (!finished) {
            try {
                done.await(5, TimeUnit.SECONDS);
                finished = true;
            } catch (InterruptedException e) {
                cancelled = consumeCancellation();
            }
        }
        return cancelled;
    }

    // --------------------------------------------------------------- lifespan: shutdown hooks

    private void runShutdownHooks() {
        if (!hooksRan.compareAndSet(false, true) || shutdownHooks.isEmpty()) {
            return;
        }
        if (io.gyre.runtime.Task.current().isPresent()) {
            Timeout.moveOnAfter(config.shutdownHookTimeout(), t -> {
                callShutdownHooks();
                return null;
            });
        } else {
            callShutdownHooks();
        }
    }

    private void callShutdownHooks() {
        for (int i = shutdownHooks.size() - 1; i >= 0; i--) {
            LifespanHook hook = shutdownHooks.get(i);
            try {
                hook.run(appState);
            } catch (CancelledException e) {
                LOG.log(Level.WARNING, "the app's shutdown hooks did not finish within "
                        + config.shutdownHookTimeout().toMillis() + " ms");
                return;
            } catch (Throwable t) {
                LOG.log(Level.WARNING, "the app's shutdown hook " + hook + " failed", t);
            }
        }
    }

    /** JVM exit without a graceful stop (forced exit): run the shutdown hooks, bounded. */
    private void onJvmExit() {
        removeSocketFile();
        if (hooksRan.get()) {
            return;
        }
        Thread t = Thread.ofPlatform().daemon(true).name("gyre-server-shutdown-hooks").start(this::runShutdownHooks);
        try {
            t.join(config.shutdownHookTimeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------ connection events

    /** Acceptor: counts a new connection; false if it is over the limit (it gets 503). */
    boolean admitConnection() {
        int n = counters.connections.incrementAndGet();
        return config.maxConnections() == 0 || n <= config.maxConnections();
    }

    void connectionClosed() {
        counters.connections.decrementAndGet();
        if (draining) {
            synchronized (idle) {
                idle.notifyAll();
            }
        }
    }

    void requestStarted() {
        counters.active.incrementAndGet();
        long n = counters.served.incrementAndGet();
        if (maxRequests > 0 && n == maxRequests) {
            LOG.log(Level.INFO, "limit-max-requests reached (" + n + " requests): shutting down gracefully");
            requestShutdown("limit-max-requests reached (" + n + " requests)");
        }
    }

    void requestFinished(Exchange ex) {
        counters.active.decrementAndGet();
        if (config.accessLog()) {
            AccessLog.log(ex);
        }
        if (draining) {
            synchronized (idle) {
                idle.notifyAll();
            }
        }
    }
}
