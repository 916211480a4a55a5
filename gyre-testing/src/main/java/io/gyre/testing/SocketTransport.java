package io.gyre.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gyre.server.BackgroundServer;
import io.gyre.server.Headers;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends a {@link TestRequest} to a {@link LiveServer} over a real socket with the JDK's
 * {@link HttpClient} (HTTP/1.1, connections kept alive and reused, redirects never followed by
 * the client itself: the request's redirect loop does it).
 *
 * <p>Thread-safety: safe; the HttpClient and the cookie jar are, the rest is immutable.
 */
final class SocketTransport extends Transport {
    private final BackgroundServer server;
    private final Duration timeout;
    private final HttpClient http;

    SocketTransport(BackgroundServer server, ObjectMapper mapper, Headers defaults, Duration timeout) {
        super("LiveServer", "http", "127.0.0.1:" + server.port(), mapper, defaults);
        this.server = server;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    TestResponse send(Exchange exchange) {
        HttpResponse<byte[]> response = exchange(toHttp(exchange), HttpResponse.BodyHandlers.ofByteArray(), "response");
        Headers headers = headers(response.headers());
        cookies().remember(headers);
        return new TestResponse(response.statusCode(), headers, response.body(), mapper());
    }

    @Override
    TestStream stream(Exchange exchange) {
        HttpResponse<InputStream> response = exchange(toHttp(exchange), HttpResponse.BodyHandlers.ofInputStream(),
                "response head");
        Headers headers = headers(response.headers());
        cookies().remember(headers);
        return new TestStream(response.statusCode(), headers, response.body(), this::awaitNoActiveRequest);
    }

    /** Sends a request as it is: neither the default headers nor the cookie jar apply. */
    TestResponse sendAsItIs(HttpRequest request) {
        HttpResponse<byte[]> response = exchange(request, HttpResponse.BodyHandlers.ofByteArray(), "response");
        return new TestResponse(response.statusCode(), headers(response.headers()), response.body(), mapper());
    }

    void close() {
        http.close();
    }

    private HttpRequest toHttp(Exchange exchange) {
        String what = exchange.method() + " " + exchange.target();
        String authority = authority();
        if (!exchange.scheme().equals("http")) {
            throw new AssertionError("LiveServer: " + what + " is to be sent over " + exchange.scheme() + ", but the "
                    + "server serves plain http at " + authority + "; assert the redirect itself instead of following it");
        }
        byte[] body = exchange.body();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + authority + exchange.target()))
                .method(exchange.method(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.headers().forEach((name, value) -> {
            if (name.equalsIgnoreCase("Content-Length")) {
                return; // written by the HttpClient from the body, the same value
            }
            if (name.equalsIgnoreCase("Host")) {
                if (value.equalsIgnoreCase(authority)) {
                    return;
                }
                throw new IllegalArgumentException("LiveServer: " + what + " sets Host: " + value + ", but requests "
                        + "over the socket carry the server's address (" + authority + "); to test what the app does "
                        + "for another host, use TestClient.builder(app).baseUrl(...)");
            }
            try {
                request.header(name, value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("LiveServer: " + what + " cannot set the header " + name + ": "
                        + value + " (" + e.getMessage() + "); the JDK HttpClient manages it, use TestClient or a raw "
                        + "socket to send it", e);
            }
        });
        return request.build();
    }

    private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler, String what) {
        CompletableFuture<HttpResponse<T>> response = http.sendAsync(request, handler);
        try {
            return response.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            response.cancel(true);
            throw new AssertionError("LiveServer: " + request.method() + " " + request.uri() + " got no " + what
                    + " within " + timeout + "; the handler may be blocked (the server's live tasks:\n"
                    + server.dump().text() + ")");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException unchecked) {
                throw unchecked;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("LiveServer: " + request.method() + " " + request.uri() + " failed: "
                    + cause, cause);
        } catch (InterruptedException e) {
            response.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("LiveServer: interrupted while waiting for " + request.method() + " "
                    + request.uri(), e);
        }
    }

    private static Headers headers(HttpHeaders received) {
        Headers.Builder headers = Headers.builder();
        received.map().forEach((name, values) -> {
            if (!name.startsWith(":")) {
                values.forEach(v -> headers.add(name, v));
            }
        });
        return headers.build();
    }

    /**
     * Over a socket the test cannot see a handler end, and the server signals no event for it:
     * this polls the server's count of running handlers until it is zero, within the bound.
     */
    private boolean awaitNoActiveRequest(Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (server.server().statistics().activeRequests() > 0) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
