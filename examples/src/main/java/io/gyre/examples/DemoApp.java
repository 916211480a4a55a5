package io.gyre.examples;

import io.gyre.runtime.Gyre;
import io.gyre.server.Handler;
import io.gyre.server.Request;
import io.gyre.server.Response;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The demo app: a few endpoints that show the server's behaviour.
 *
 * <ul>
 *   <li>{@code GET /} a short text
 *   <li>{@code GET /slow?seconds=N} sleeps N seconds (a cancellation point), then answers {@code done}
 *   <li>{@code GET /stream} a chunked response, one line every 100 ms for three seconds
 *   <li>{@code POST /echo} streams the request body back
 * </ul>
 */
public final class DemoApp implements Handler {
    /** Creates the app. */
    public DemoApp() {
    }

    /**
     * Creates the app: the factory {@code gyre serve io.gyre.examples.DemoApp} would also find.
     *
     * @return the app
     */
    public static Handler app() {
        return new DemoApp();
    }

    @Override
    public void handle(Request request, Response response) throws Exception {
        String route = request.method() + " " + request.path();
        switch (route) {
            case "GET /", "HEAD /" -> response.send("Hello from Gyre. Try /slow?seconds=2, /stream, POST /echo\n");
            case "GET /slow" -> {
                double seconds = Double.parseDouble(request.query("seconds").orElse("1"));
                Gyre.sleep(Duration.ofMillis(Math.round(seconds * 1000)));
                response.send("done\n");
            }
            case "GET /stream" -> {
                response.header("Content-Type", "text/plain; charset=utf-8");
                try (OutputStream out = response.body()) {
                    for (int i = 1; i <= 30; i++) {
                        out.write(("line " + i + "\n").getBytes(StandardCharsets.UTF_8));
                        out.flush();
                        Gyre.sleep(Duration.ofMillis(100));
                    }
                }
            }
            case "POST /echo" -> {
                request.header("Content-Type").ifPresent(t -> response.header("Content-Type", t));
                try (InputStream in = request.body(); OutputStream out = response.body()) {
                    in.transferTo(out);
                }
            }
            default -> response.status(404).send("not found: " + request.method() + " " + request.path() + "\n");
        }
    }
}
