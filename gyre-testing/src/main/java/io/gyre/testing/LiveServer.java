package io.gyre.testing;

import io.gyre.runtime.RunnerConfig;
import io.gyre.server.BackgroundServer;
import io.gyre.server.Headers;
import io.gyre.server.ServerConfig;
import io.gyre.web.WebApp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Serves a {@link WebApp} on a real socket ({@code 127.0.0.1}, a free port) for end-to-end
 * tests: the app runs under its own runner, with its lifespan, exactly as {@code gyre serve}
 * would run it. Requests are built as with {@link TestClient} (both are a {@link Requester}) and
 * sent over HTTP/1.1 with the JDK's {@link HttpClient}, so they pass through the server's
 * parser, limits, keep-alive and timeouts. {@link #close()} shuts the server down gracefully;
 * until then the server's (non-daemon) thread keeps the JVM running, so close it, with
 * try-with-resources as below.
 *
 * {@snippet :
 * try (LiveServer server = LiveServer.start(app)) {
 *     server.get("/items/1").send().assertStatus(200).assertJson("/name", "Pen");
 *     server.post("/items").json(new Item("Cup", 3)).send().assertStatus(201);
 *     URI base = server.uri("/");   // for any other HTTP client
 * }
 * }
 *
 * <p>As with {@link TestClient}, cookies set by responses are kept and sent with later
 * requests, and redirects are returned, or followed with {@link TestRequest#followRedirects()}.
 * Unlike it, a handler's exception is only seen as the response the server sends (a 500), and
 * requests always go to {@code http://127.0.0.1:<port>}: there is no {@code baseUrl}, since the
 * JDK client sets {@code Host} itself; test another host or scheme with TestClient's.
 *
 * <p>Thread-safety: requests may be sent from several threads at once.
 */
public final class LiveServer implements Requester, AutoCloseable {
    private final WebApp app;
    private final BackgroundServer running;
    private final SocketTransport transport;
    private final Duration timeout;

    private LiveServer(Builder builder) {
        this.app = builder.app;
        this.timeout = builder.timeout;
        try {
            this.running = app.server().configure(builder.config).host("127.0.0.1").port(0).build()
                    .runInBackground(RunnerConfig.builder().name("live-server").handleSignals(false).build());
        } catch (RuntimeException e) {
            throw new IllegalStateException("LiveServer: " + app.title() + " failed to start: " + e, e);
        }
        this.transport = new SocketTransport(running, app.objectMapper(), builder.headers.build(), timeout);
    }

    /**
     * Starts serving the app on 127.0.0.1 at a free port, after its lifespan started. Blocking
     * until the port is bound (as long as the app's startup takes). Requests and the shutdown
     * time out after 30 seconds.
     *
     * @param app the app, not started
     * @return the running server
     * @throws IllegalStateException if the app or the server failed to start
     */
    public static LiveServer start(WebApp app) {
        return builder(app).start();
    }

    /**
     * Starts configuring a server: headers for every request, the server's configuration,
     * timeout.
     *
     * {@snippet :
     * try (LiveServer server = LiveServer.builder(app).header("Authorization", "Bearer t0ken")
     *         .configure(c -> c.maxBodyBytes(1024)).start()) {
     *     server.post("/notes").body(new byte[2048], "text/plain").send().assertStatus(413);
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
     * Returns the bound port.
     *
     * @return the port
     */
    public int port() {
        return running.port();
    }

    /**
     * Returns an absolute URI on this server.
     *
     * @param path the path and query, starting with {@code /}
     * @return the URI, such as {@code http://127.0.0.1:40123/items}
     */
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port() + path);
    }

    /**
     * Returns the cookies remembered from responses and sent with each request built by this
     * server's request methods. The jar is by name only, as {@link TestClient#cookies()}.
     *
     * @return a snapshot, name to value, in the order first set
     */
    public Map<String, String> cookies() {
        return transport.cookies().snapshot();
    }

    /**
     * Starts a request with any method. Its headers may not include those the JDK client
     * manages ({@code Host}, {@code Connection}, {@code Expect}, {@code Upgrade}); sending
     * such a request fails with an {@link IllegalArgumentException} that says so.
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
     * Sends a request built with the JDK's {@link HttpRequest} over the socket, as it is:
     * neither the default headers nor the cookie jar apply.
     *
     * @param request the request
     * @return the response
     * @throws IllegalStateException if the exchange fails
     * @throws AssertionError if no response came within the server's timeout
     */
    public TestResponse send(HttpRequest request) {
        return transport.sendAsItIs(request);
    }

    /**
     * Shuts the server down gracefully (the app's shutdown runs after the drain) and waits.
     *
     * @throws AssertionError if it did not stop in time
     */
    @Override
    public void close() {
        try {
            running.requestShutdown("test finished");
            if (running.awaitExit(timeout.plusSeconds(5)).isEmpty()) {
                throw new AssertionError("LiveServer: " + app.title() + " did not shut down within " + timeout
                        + "; its live tasks:\n" + running.dump().text());
            }
            running.close();
        } finally {
            transport.close();
        }
    }

    /**
     * Configures a {@link LiveServer}. Not thread-safe.
     */
    public static final class Builder {
        private final WebApp app;
        private final Headers.Builder headers = Headers.builder();
        private UnaryOperator<ServerConfig.Builder> config = UnaryOperator.identity();
        private Duration timeout = Duration.ofSeconds(30);

        private Builder(WebApp app) {
            this.app = app;
        }

        /**
         * Adds a header sent with every request built by the server's request methods, unless
         * the request sets a header of the same name.
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
         * Changes the server's configuration, such as its limits and timeouts:
         * {@code configure(c -> c.maxBodyBytes(1024))}. The host and port are not taken from
         * it: the server always binds 127.0.0.1 at a free port. Calling it again replaces the
         * earlier change.
         *
         * @param change applied to the configuration builder
         * @return this builder
         */
        public Builder configure(UnaryOperator<ServerConfig.Builder> change) {
            this.config = change;
            return this;
        }

        /**
         * Sets how long a request (until its whole response, or its head for a stream) or the
         * shutdown may take before the test fails. Default 30 seconds.
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
         * Runs the app's lifespan and starts serving it on 127.0.0.1 at a free port.
         *
         * @return the running server; close it to stop it
         * @throws IllegalStateException if the app or the server failed to start
         */
        public LiveServer start() {
            return new LiveServer(this);
        }
    }
}
