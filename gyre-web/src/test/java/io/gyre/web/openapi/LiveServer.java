package io.gyre.web.openapi;

import io.gyre.runtime.Runner;
import io.gyre.runtime.RunnerConfig;
import io.gyre.server.HttpServer;
import io.gyre.web.WebApp;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/** An app served on 127.0.0.1 port 0 in its own runner, for tests. */
final class LiveServer implements AutoCloseable {
    private final HttpServer server;
    private final Thread thread;

    /** A response: status, headers and body text. */
    record Reply(int statusCode, HttpURLConnection connection, String body) {
        Optional<String> header(String name) {
            return Optional.ofNullable(connection.getHeaderField(name));
        }
    }

    LiveServer(WebApp app) {
        this(app, b -> b);
    }

    LiveServer(WebApp app, UnaryOperator<HttpServer.Builder> configure) {
        this.server = configure.apply(app.server().host("127.0.0.1").port(0)).build();
        CompletableFuture<Void> started = new CompletableFuture<>();
        this.thread = Thread.ofPlatform().name("docs-test-server").start(() -> {
            try {
                Runner.create(RunnerConfig.builder().name("docs-test").loops(1).shutdownGrace(Duration.ofSeconds(2))
                        .build()).run(() -> {
                            try {
                                server.start();
                            } catch (Throwable t) {
                                started.completeExceptionally(t);
                                throw t;
                            }
                            started.complete(null);
                            return server.serve();
                        });
            } catch (Throwable t) {
                started.completeExceptionally(t);
            }
        });
        started.join();
    }

    String base() {
        return "http://127.0.0.1:" + server.port();
    }

    Reply get(String path, String... headers) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(base() + path).toURL().openConnection();
        c.setUseCaches(false);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            c.setRequestProperty(headers[i], headers[i + 1]);
        }
        int status = c.getResponseCode();
        InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
        String body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        return new Reply(status, c, body);
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
