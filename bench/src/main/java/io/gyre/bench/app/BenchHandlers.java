package io.gyre.bench.app;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
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
    static final Duration SLOW = Duration.ofSeconds(2);
    /** Whether {@link Json#MAPPER} exists (then /json may run inline on a loop). */
    private static volatile boolean jsonMapperMade;

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
     * variant too). /json also runs as a task until the JSON mapper exists, since making it
     * would hold the loop for a few hundred milliseconds.
     */
    static LoopSafeHandler loopSafe() {
        return new LoopSafeHandler() {
            @Override
            public boolean runsInline(Request request) {
                return switch (request.path()) {
                    case "/slow" -> false;
                    case "/json" -> jsonMapperMade;
                    default -> true;
                };
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
        response.header("Content-Type", "application/json")
                .send(Json.MAPPER.writeValueAsBytes(new Message("Hello, World!")));
    }

    /**
     * Holds the JSON mapper, made on the first /json request: building an {@code ObjectMapper}
     * loads some 370 Jackson classes (about 160 ms of CPU), which would otherwise sit on the
     * start-up path of every variant although /plaintext never uses them. The JVM runs this
     * class's initialiser once, and other threads wait for it; at its end it sets
     * {@code jsonMapperMade} (a field outside this class, so that reading it does not start
     * the initialiser). Its buffers come from a pool shared by all threads, as gyre-web's
     * mapper's do: Jackson's default pool is per thread, and with a new virtual thread per
     * request every /json would allocate fresh 8 KB buffers (about 20 KB of garbage each).
     */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
                .recyclerPool(JsonRecyclerPools.newBoundedPool(64))
                .build());

        static {
            jsonMapperMade = true;
        }
    }

    private static void notFound(Request request, Response response) {
        response.status(404).header("Content-Type", "text/plain").send("no route for " + request.path() + "\n");
    }
}
