package io.gyre.bench.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gyre.runtime.Gyre;
import io.gyre.server.Handler;
import io.gyre.server.LoopSafeHandler;
import io.gyre.server.Request;
import io.gyre.server.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The load-test endpoints, by TechEmpower's rules: {@code /plaintext} answers a fixed text;
 * {@code /json} serializes a new object per request; {@code /slow} answers {@code done} after
 * 2 s (the graceful-shutdown probe's in-flight request). Server and Date headers come from the
 * server.
 */
final class BenchHandlers {
    private static final byte[] HELLO = "Hello, World!".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DONE = "done".getBytes(StandardCharsets.US_ASCII);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    static final Duration SLOW = Duration.ofSeconds(2);

    /** The JSON body: a new instance per request. */
    record Message(String message) {
    }

    private BenchHandlers() {
    }

    /** Each request runs as a task on its own virtual thread; /slow sleeps in the task. */
    static Handler task() {
        return (request, response) -> {
            switch (request.path()) {
                case "/plaintext" -> plaintext(response);
                case "/json" -> json(response);
                case "/slow" -> {
                    Gyre.sleep(SLOW);
                    response.header("Content-Type", "text/plain").send(DONE);
                }
                default -> notFound(request, response);
            }
        };
    }

    /**
     * Runs inline on the connection's loop, except /slow: {@link LoopSafeHandler#runsInline}
     * sends it to a task of its own, where it may sleep (so the shutdown probe runs for this
     * variant too).
     */
    static LoopSafeHandler loopSafe() {
        return new LoopSafeHandler() {
            @Override
            public boolean runsInline(Request request) {
                return !request.path().equals("/slow");
            }

            @Override
            public void handle(Request request, Response response) throws Exception {
                switch (request.path()) {
                    case "/plaintext" -> plaintext(response);
                    case "/json" -> json(response);
                    case "/slow" -> {
                        Gyre.sleep(SLOW);
                        response.header("Content-Type", "text/plain").send(DONE);
                    }
                    default -> notFound(request, response);
                }
            }
        };
    }

    private static void plaintext(Response response) {
        response.header("Content-Type", "text/plain").send(HELLO);
    }

    private static void json(Response response) throws Exception {
        response.header("Content-Type", "application/json").send(MAPPER.writeValueAsBytes(new Message("Hello, World!")));
    }

    private static void notFound(Request request, Response response) {
        response.status(404).header("Content-Type", "text/plain").send("no route for " + request.path() + "\n");
    }
}
