package io.gyre.testing;

import io.gyre.runtime.Runner;
import io.gyre.runtime.RunnerConfig;
import io.gyre.server.AppState;
import io.gyre.server.Headers;
import io.gyre.testing.internal.MemoryRequest;
import io.gyre.testing.internal.MemoryResponse;
import io.gyre.web.WebApp;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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
 * <p>A failure the app did not turn into a response is rethrown from {@code send()}. Cookies
 * set by responses are kept and sent with later requests.
 *
 * <p>Thread-safety: requests may be sent from several threads at once.
 */
public final class TestClient implements AutoCloseable {
    private final WebApp app;
    private final Runner runner;
    private final Thread thread;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private final AppState state = new AppState();
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private final Duration timeout;

    private TestClient(WebApp app, Duration timeout) {
        this.app = app;
        this.timeout = timeout;
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
        return new TestClient(app, Duration.ofSeconds(30));
    }

    /**
     * Like {@link #open(WebApp)} with a bound on each request and on shutdown.
     *
     * @param app the app, not started
     * @param timeout how long a request or the shutdown may take before the test fails
     * @return the client
     */
    public static TestClient open(WebApp app, Duration timeout) {
        return new TestClient(app, timeout);
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
     * Starts a GET request.
     *
     * @param target the path and query, such as {@code /items?limit=3}
     * @return the request builder
     */
    public TestRequest get(String target) {
        return request("GET", target);
    }

    /**
     * Starts a POST request.
     *
     * @param target the path and query
     * @return the request builder
     */
    public TestRequest post(String target) {
        return request("POST", target);
    }

    /**
     * Starts a PUT request.
     *
     * @param target the path and query
     * @return the request builder
     */
    public TestRequest put(String target) {
        return request("PUT", target);
    }

    /**
     * Starts a PATCH request.
     *
     * @param target the path and query
     * @return the request builder
     */
    public TestRequest patch(String target) {
        return request("PATCH", target);
    }

    /**
     * Starts a DELETE request.
     *
     * @param target the path and query
     * @return the request builder
     */
    public TestRequest delete(String target) {
        return request("DELETE", target);
    }

    /**
     * Starts a request with any method.
     *
     * @param method the method, such as {@code OPTIONS}
     * @param target the path and query
     * @return the request builder
     */
    public TestRequest request(String method, String target) {
        return new TestRequest(this, method, target, app.objectMapper());
    }

    /**
     * Opens a WebSocket to one of the app's {@code @WebSocketRoute}s, in process.
     *
     * @param target the path and query
     * @return the client end; close it to disconnect
     * @throws AssertionError if no WebSocket route matches
     */
    public TestWebSocket websocket(String target) {
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        var endpoint = app.webSocket(path)
                .orElseThrow(() -> new AssertionError("no WebSocket route of " + app.title() + " matches " + path));
        MemoryRequest request = new MemoryRequest("GET", target, Headers.of("Host", "testserver", "Upgrade", "websocket",
                "Connection", "Upgrade"), new byte[0], state);
        io.gyre.testing.internal.MemoryWebSocket socket = new io.gyre.testing.internal.MemoryWebSocket(request);
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
        return new TestWebSocket(socket, done, timeout);
    }

    /** Runs a request as a task of the client's runner. */
    record Call(MemoryResponse response, CompletableFuture<Void> done) {
    }

    Call start(String method, String target, Headers headers, byte[] body) {
        if (closing.getCount() == 0) {
            throw new IllegalStateException("TestClient is closed; open a new one");
        }
        Headers.Builder all = headers.toBuilder();
        synchronized (cookies) {
            if (!cookies.isEmpty() && !all.contains("Cookie")) {
                StringBuilder line = new StringBuilder();
                cookies.forEach((k, v) -> line.append(line.isEmpty() ? "" : "; ").append(k).append('=').append(v));
                all.add("Cookie", line.toString());
            }
        }
        if (!all.contains("Host")) {
            all.add("Host", "testserver");
        }
        MemoryRequest request = new MemoryRequest(method, target, all.build(), body, state);
        MemoryResponse response = new MemoryResponse(method.equals("HEAD"));
        CompletableFuture<Void> done = new CompletableFuture<>();
        runner.root().spawn("test " + method + " " + target, () -> {
            try {
                app.handle(request, response);
                response.end();
                done.complete(null);
            } catch (Throwable e) {
                response.fail();
                done.completeExceptionally(e);
            }
        });
        return new Call(response, done);
    }

    TestResponse finish(Call call) {
        await(call.done(), "the request");
        Headers headers = call.response().headers();
        rememberCookies(headers);
        return new TestResponse(call.response().status(), headers, call.response().pipe().all(), app.objectMapper());
    }

    TestStream stream(Call call) {
        Headers headers = await(call.response().committed(), "the response head");
        rememberCookies(headers);
        return new TestStream(call.response().status(), headers, call.response().pipe().input, call.done());
    }

    private void rememberCookies(Headers headers) {
        for (String setCookie : headers.all("Set-Cookie")) {
            String pair = setCookie.split(";", 2)[0];
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = pair.substring(0, eq).strip();
            String value = pair.substring(eq + 1).strip();
            synchronized (cookies) {
                if (setCookie.toLowerCase(java.util.Locale.ROOT).contains("max-age=0")) {
                    cookies.remove(name);
                } else {
                    cookies.put(name, value);
                }
            }
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
}
