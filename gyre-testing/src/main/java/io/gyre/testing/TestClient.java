package io.gyre.testing;

import io.gyre.runtime.Runner;
import io.gyre.runtime.RunnerConfig;
import io.gyre.server.AppState;
import io.gyre.server.Headers;
import io.gyre.testing.internal.MemoryRequest;
import io.gyre.testing.internal.MemoryResponse;
import io.gyre.web.WebApp;
import java.lang.reflect.UndeclaredThrowableException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Drives a {@link WebApp} in process, without sockets: Starlette's {@code TestClient}. Opening
 * it runs the app's lifespan under a Gyre runner of its own; each request runs as a Gyre task
 * of that runner, like on the server; closing it stops the app (draining background tasks)
 * and the runner.
 *
 * {@snippet :
 * try (TestClient client = TestClient.open(app)) {
 *     client.get("/items/1").send().assertStatus(200).assertJson("/name", "Pen");
 * }
 * }
 *
 * <p>An exception a handler throws is answered as on the server: the app's exception handlers,
 * else a logged 500 (thrown from {@code send()} instead with
 * {@link Builder#raiseServerExceptions(boolean)}). A failure after the response head was sent (a
 * broken stream) is rethrown from {@code send()}. Cookies set by responses are kept and sent with later requests and
 * WebSocket handshakes; redirects are returned, or followed with
 * {@link TestRequest#followRedirects()}.
 *
 * <p>Thread-safety: requests may be sent from several threads at once.
 */
public final class TestClient implements Requester, AutoCloseable {
    private final WebApp app;
    private final Runner runner;
    private final Thread thread;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private final AppState state = new AppState();
    private final InProcess transport;
    private final Duration timeout;
    private final boolean raiseServerExceptions;

    private TestClient(Builder builder) {
        this.app = builder.app;
        this.timeout = builder.timeout;
        this.raiseServerExceptions = builder.raiseServerExceptions;
        this.transport = new InProcess(builder.scheme, builder.host, builder.headers.build());
        this.runner = Runner.create(RunnerConfig.builder().name("test-client").handleSignals(false).build());
        CompletableFuture<Void> started = new CompletableFuture<>();
        this.thread = Thread.ofPlatform().name("test-client-runner").daemon().start(() -> {
            try {
                runner.run(() -> {
                    try {
                        app.start();
                    } catch (Throwable e) {
                        started.completeExceptionally(e);
                        return null;
                    }
                    started.complete(null);
                    try {
                        closing.await();
                    } finally {
                        app.stop();
                    }
                    return null;
                });
                stopped.complete(null);
            } catch (Throwable e) {
                started.completeExceptionally(e);
                stopped.completeExceptionally(e);
            }
        });
        await(started, "the app's startup");
    }

    /**
     * Runs the app's lifespan and returns a client for it. Requests time out after 30 seconds.
     *
     * @param app the app, not started
     * @return the client
     * @throws IllegalStateException if the app failed to start (the cause says why)
     */
    public static TestClient open(WebApp app) {
        return builder(app).open();
    }

    /**
     * Like {@link #open(WebApp)} with a bound on each request and on shutdown.
     *
     * @param app the app, not started
     * @param timeout how long a request or the shutdown may take before the test fails
     * @return the client
     * @throws IllegalStateException if the app failed to start (the cause says why)
     */
    public static TestClient open(WebApp app, Duration timeout) {
        return builder(app).timeout(timeout).open();
    }

    /**
     * Starts configuring a client: the URL it poses as, headers for every request, timeout.
     *
     * {@snippet :
     * try (TestClient client = TestClient.builder(app).baseUrl("https://shop.example")
     *         .header("Authorization", "Bearer t0ken").open()) {
     *     client.get("/me").send().assertStatus(200);
     * }
     * }
     *
     * @param app the app, not started
     * @return the builder
     */
    public static Builder builder(WebApp app) {
        return new Builder(app);
    }

    /**
     * Returns the app.
     *
     * @return the app
     */
    public WebApp app() {
        return app;
    }

    /**
     * Returns the cookies the client remembers from responses and sends with each request.
     * The jar is by name only: {@code Path}, {@code Domain} and {@code Expires} are not
     * applied; {@code Max-Age=0} deletes a cookie.
     *
     * @return a snapshot, name to value, in the order first set
     */
    public Map<String, String> cookies() {
        return transport.cookies().snapshot();
    }

    /**
     * Starts a request with any method.
     *
     * @param method the method, such as {@code OPTIONS}
     * @param target the path and query
     * @return the request builder
     */
    @Override
    public TestRequest request(String method, String target) {
        return new TestRequest(transport, method, target);
    }

    /**
     * Opens a WebSocket to one of the app's {@code @WebSocketRoute}s, in process.
     *
     * @param target the path and query
     * @return the client end; close it to disconnect
     * @throws AssertionError if no WebSocket route matches, or the handshake is refused
     */
    public TestWebSocket websocket(String target) {
        return websocket(target, Headers.empty());
    }

    /**
     * Opens a WebSocket with headers of its own (sent with the client's default headers and
     * remembered cookies), for routes that bind headers or cookies.
     *
     * @param target the path and query
     * @param headers the handshake request's headers, such as {@code Headers.of("Authorization", "Bearer t")}
     * @return the client end; close it to disconnect
     * @throws AssertionError if no WebSocket route matches, or the handshake is refused (for
     *     example with 400 by {@code TrustedHosts}); the message names the status and the answer
     */
    public TestWebSocket websocket(String target, Headers headers) {
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        var endpoint = app.webSocket(path)
                .orElseThrow(() -> new AssertionError("no WebSocket route of " + app.title() + " matches " + path));
        Headers.Builder all = headers.toBuilder().set("Upgrade", "websocket").set("Connection", "Upgrade");
        MemoryRequest request = new MemoryRequest("GET", transport.scheme(), target,
                withHost(transport.withDefaults(all.build(), Map.of())), new byte[0], state);
        MemoryResponse handshake = new MemoryResponse(false);
        boolean accepted;
        try {
            accepted = endpoint.acceptor().accept(request, handshake);
        } catch (Exception e) {
            throw new AssertionError("the WebSocket handshake to " + target + " failed: " + e, e);
        }
        if (!accepted || handshake.isCommitted()) {
            int status = handshake.isCommitted() ? handshake.status() : 403;
            throw new AssertionError("the WebSocket handshake to " + target + " was refused with " + status + ": "
                    + new String(handshake.pipe().all(), java.nio.charset.StandardCharsets.UTF_8).strip());
        }
        io.gyre.testing.internal.MemoryWebSocket socket = new io.gyre.testing.internal.MemoryWebSocket(request,
                endpoint.selectSubprotocol(request.headers().all("Sec-WebSocket-Protocol")));
        CompletableFuture<Void> done = new CompletableFuture<>();
        runner.root().spawn("test websocket " + target, () -> {
            try {
                endpoint.handler().handle(socket);
                socket.closeBoth(1000, "");
                done.complete(null);
            } catch (io.gyre.server.WebSocketClosedException e) {
                done.complete(null);
            } catch (Throwable e) {
                socket.closeBoth(1011, String.valueOf(e.getMessage()));
                done.completeExceptionally(e);
            }
        });
        return new TestWebSocket(socket, done, timeout, app.objectMapper());
    }

    /** The request's headers with {@code Host} added, unless it sets one. */
    private Headers withHost(Headers headers) {
        return headers.contains("Host") ? headers : headers.toBuilder().add("Host", transport.authority()).build();
    }

    /** Sends a {@link TestRequest} to the app in process: each exchange runs as a task of the client's runner. */
    private final class InProcess extends Transport {
        /** A running exchange; {@code unhandled} holds what the app answered with 500. */
        private record Call(MemoryResponse response, CompletableFuture<Void> done, AtomicReference<Throwable> unhandled) {
        }

        InProcess(String scheme, String host, Headers defaults) {
            super("TestClient", scheme, host, app.objectMapper(), defaults);
        }

        @Override
        TestResponse send(Exchange exchange) {
            Call call = start(exchange);
            await(call.done(), "the request");
            Throwable failure = call.unhandled().get();
            if (raiseServerExceptions && failure != null) {
                // what the app answered with 500, thrown in the test as Starlette's TestClient does
                if (failure instanceof RuntimeException unchecked) {
                    throw unchecked;
                }
                if (failure instanceof Error error) {
                    throw error;
                }
                throw new UndeclaredThrowableException(failure, "the app answered 500 for a checked exception: " + failure);
            }
            Headers headers = call.response().headers();
            cookies().remember(headers);
            return new TestResponse(call.response().status(), headers, call.response().pipe().all(), mapper());
        }

        @Override
        TestStream stream(Exchange exchange) {
            Call call = start(exchange);
            Headers headers = await(call.response().committed(), "the response head");
            cookies().remember(headers);
            return new TestStream(call.response().status(), headers, call.response().pipe().input,
                    TestStream.of(call.done()));
        }

        private Call start(Exchange exchange) {
            if (closing.getCount() == 0) {
                throw new IllegalStateException("TestClient is closed; open a new one");
            }
            String method = exchange.method();
            MemoryRequest request = new MemoryRequest(method, exchange.scheme(), exchange.target(),
                    withHost(exchange.headers()), exchange.body(), state);
            MemoryResponse response = new MemoryResponse(method.equals("HEAD"));
            CompletableFuture<Void> done = new CompletableFuture<>();
            AtomicReference<Throwable> unhandled = new AtomicReference<>();
            runner.root().spawn("test " + method + " " + exchange.target(), () -> {
                try {
                    app.handle(request, response, failure -> unhandled.compareAndSet(null, failure));
                    response.end();
                    done.complete(null);
                } catch (Throwable e) {
                    response.fail();
                    done.completeExceptionally(e);
                }
            });
            return new Call(response, done, unhandled);
        }
    }

    private <T> T await(CompletableFuture<T> future, String what) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("TestClient: " + what + " did not finish within " + timeout
                    + "; the handler may be blocked (task dump: " + runner.dump() + ")");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("TestClient: " + what + " failed: " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("TestClient: interrupted while waiting for " + what, e);
        }
    }

    /**
     * Stops the app (its background tasks are drained within the app's shutdown timeout, its
     * resources closed) and the runner. Idempotent.
     *
     * @throws AssertionError if the shutdown did not finish within the client's timeout
     */
    @Override
    public void close() {
        closing.countDown();
        try {
            thread.join(timeout.plusSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (thread.isAlive()) {
            throw new AssertionError("TestClient: the app did not shut down within " + timeout);
        }
    }

    /**
     * Configures a {@link TestClient}. Not thread-safe.
     */
    public static final class Builder {
        private final WebApp app;
        private final Headers.Builder headers = Headers.builder();
        private Duration timeout = Duration.ofSeconds(30);
        private String scheme = "http";
        private String host = "testserver";
        private boolean raiseServerExceptions;

        private Builder(WebApp app) {
            this.app = app;
        }

        /**
         * Sets the URL the client poses as: the requests' scheme (as the app sees it) and
         * {@code Host}. Default {@code http://testserver}.
         *
         * @param url an {@code http} or {@code https} URL without a path, such as {@code https://shop.example:8443}
         * @return this builder
         * @throws IllegalArgumentException if the URL is not of that form
         */
        public Builder baseUrl(String url) {
            URI uri;
            try {
                uri = new URI(url);
            } catch (java.net.URISyntaxException e) {
                throw new IllegalArgumentException("baseUrl is not a URL: " + url, e);
            }
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getRawAuthority() == null) {
                throw new IllegalArgumentException("baseUrl must be an http or https URL with a host, such as "
                        + "https://shop.example: " + url);
            }
            if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")
                    || uri.getRawQuery() != null) {
                throw new IllegalArgumentException("baseUrl takes no path or query (" + url + "); the app is served "
                        + "at /, so write the full path in each request");
            }
            this.scheme = uri.getScheme();
            this.host = uri.getRawAuthority();
            return this;
        }

        /**
         * Adds a header sent with every request and WebSocket handshake, unless the request sets
         * a header of the same name.
         *
         * @param name the name
         * @param value the value
         * @return this builder
         */
        public Builder header(String name, String value) {
            headers.add(name, value);
            return this;
        }

        /**
         * Sets how long the app's startup, a request, or the shutdown may take before the test
         * fails. Default 30 seconds.
         *
         * @param timeout the bound, positive
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder timeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout <= 0: " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /**
         * Sets whether a failure the app answers with 500 (none of its exception handlers took
         * it) is thrown from {@code send()} instead of returned as the 500 response: Starlette's
         * {@code raise_server_exceptions}. The exception is thrown as it is, a checked one inside
         * an {@link UndeclaredThrowableException}. Default {@code false}: the test sees what a
         * client would, and the failure is logged as on the server.
         *
         * @param raise whether to throw the app's unhandled failures
         * @return this builder
         */
        public Builder raiseServerExceptions(boolean raise) {
            this.raiseServerExceptions = raise;
            return this;
        }

        /**
         * Runs the app's lifespan and returns the client.
         *
         * @return the client; close it to stop the app
         * @throws IllegalStateException if the app failed to start (the cause says why)
         */
        public TestClient open() {
            return new TestClient(this);
        }
    }
}
