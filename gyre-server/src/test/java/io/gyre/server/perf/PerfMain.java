package io.gyre.server.perf;

import io.gyre.runtime.Gyre;
import io.gyre.server.Handler;
import io.gyre.server.HttpServer;
import io.gyre.server.LoopSafeHandler;
import io.gyre.server.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A small load target for profiling the server by hand (not a test):
 * {@code PerfMain loop|task [port]} serves {@code /plaintext}, {@code /json} (a new object
 * serialized per request by a hand-written encoder) and {@code /slow} (2 s, task mode only) on
 * 127.0.0.1. The load harness with the real JSON library lives in the bench module.
 */
public final class PerfMain {
    private static final byte[] HELLO = "Hello, World!".getBytes(StandardCharsets.US_ASCII);

    private PerfMain() {
    }

    /** The JSON body: a new instance per request. */
    record Message(String message) {
        byte[] toJson() {
            StringBuilder b = new StringBuilder(32).append("{\"message\":\"");
            for (int i = 0; i < message.length(); i++) {
                char c = message.charAt(i);
                if (c == '"' || c == '\\') {
                    b.append('\\');
                }
                b.append(c);
            }
            return b.append("\"}").toString().getBytes(StandardCharsets.UTF_8);
        }
    }

    /**
     * Starts the server and blocks until it stops.
     *
     * @param args {@code loop|task [port]}
     */
    public static void main(String[] args) {
        boolean loop = args.length == 0 || args[0].equals("loop");
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 8010;
        Handler task = (request, response) -> {
            switch (request.path()) {
                case "/plaintext" -> plaintext(response);
                case "/json" -> json(response);
                case "/slow" -> {
                    Gyre.sleep(Duration.ofSeconds(2));
                    response.header("Content-Type", "text/plain").send("done");
                }
                default -> response.status(404).send("not found\n");
            }
        };
        LoopSafeHandler loopSafe = (request, response) -> {
            switch (request.path()) {
                case "/plaintext" -> plaintext(response);
                case "/json" -> json(response);
                default -> response.status(404).send("not found\n");
            }
        };
        System.exit(HttpServer.builder()
                .handler(loop ? loopSafe : task)
                .configure(c -> c.host("127.0.0.1").port(port).serverHeader(true).dateHeader(true).accessLog(false))
                .build()
                .run());
    }

    private static void plaintext(Response response) {
        response.header("Content-Type", "text/plain").send(HELLO);
    }

    private static void json(Response response) {
        response.header("Content-Type", "application/json").send(new Message("Hello, World!").toJson());
    }
}
