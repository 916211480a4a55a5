package io.gyre.web.openapi;

import io.gyre.runtime.RunnerConfig;
import io.gyre.server.BackgroundServer;
import io.gyre.server.HttpServer;
import io.gyre.web.WebApp;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.time.Duration;
import java.util.function.UnaryOperator;

/** An app served on 127.0.0.1 port 0 in its own runner ({@link HttpServer#runInBackground}), for tests. */
final class LiveServer implements AutoCloseable {
    private final BackgroundServer running;

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
        this.running = configure.apply(app.server().host("127.0.0.1").port(0)).build().runInBackground(
                RunnerConfig.builder().name("docs-test").loops(1).handleSignals(false)
                        .shutdownGrace(Duration.ofSeconds(2)).build());
    }

    String base() {
        return "http://127.0.0.1:" + running.port();
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
        running.requestShutdown("test finished");
        if (running.awaitExit(Duration.ofSeconds(30)).isEmpty()) {
            throw new AssertionError("the docs test server did not stop within 30 s: " + running.dump().text());
        }
        running.close();
    }
}
