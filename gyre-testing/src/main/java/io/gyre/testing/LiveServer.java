package io.gyre.testing;

import io.gyre.runtime.RunnerConfig;
import io.gyre.server.BackgroundServer;
import io.gyre.server.Headers;
import io.gyre.web.WebApp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Serves a {@link WebApp} on a real socket ({@code 127.0.0.1}, a free port) for end-to-end
 * tests: the app runs under its own runner, with its lifespan, exactly as {@code gyre serve}
 * would run it. {@link #close()} shuts the server down gracefully; until then the server's
 * (non-daemon) thread keeps the JVM running, so close it, with try-with-resources as below.
 *
 * {@snippet :
 * try (LiveServer server = LiveServer.start(app)) {
 *     server.get("/items/1").assertStatus(200);
 *     URI base = server.uri("/");   // for any other HTTP client
 * }
 * }
 *
 * <p>Thread-safety: requests may be sent from several threads at once.
 */
public final class LiveServer implements AutoCloseable {
    private final WebApp app;
    private final BackgroundServer running;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final Duration timeout;

    private LiveServer(WebApp app, Duration timeout) {
        this.app = app;
        this.timeout = timeout;
        try {
            this.running = app.server().host("127.0.0.1").port(0).build()
                    .runInBackground(RunnerConfig.builder().name("live-server").handleSignals(false).build());
        } catch (RuntimeException e) {
            http.close();
            throw new IllegalStateException("LiveServer: " + app.title() + " failed to start: " + e, e);
        }
    }

    /**
     * Starts serving the app on 127.0.0.1 at a free port, after its lifespan started. Blocking
     * until the port is bound (as long as the app's startup takes).
     *
     * @param app the app, not started
     * @return the running server
     * @throws IllegalStateException if the app or the server failed to start
     */
    public static LiveServer start(WebApp app) {
        return new LiveServer(app, Duration.ofSeconds(30));
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
     * Sends a GET request over the socket.
     *
     * @param path the path and query
     * @return the response
     */
    public TestResponse get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().timeout(timeout).build());
    }

    /**
     * Sends any request over the socket with JDK's {@link HttpClient}.
     *
     * @param request the request
     * @return the response
     * @throws IllegalStateException if the exchange fails
     */
    public TestResponse send(HttpRequest request) {
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            Headers.Builder headers = Headers.builder();
            response.headers().map().forEach((name, values) -> {
                if (!name.startsWith(":")) {
                    values.forEach(v -> headers.add(name, v));
                }
            });
            return new TestResponse(response.statusCode(), headers.build(), response.body(), app.objectMapper());
        } catch (IOException e) {
            throw new IllegalStateException("LiveServer: " + request.method() + " " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("LiveServer: interrupted", e);
        }
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
            http.close();
        }
    }
}
