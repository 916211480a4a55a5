package io.gyre.bench.app;

import io.gyre.server.HttpServer;
import io.gyre.server.WebSocketHandler;
import io.gyre.server.WebSocketMessage;
import io.gyre.web.WebApp;

/**
 * The load-test server: {@code BenchServer --handler task|loop|web [--port 8010] [--host 127.0.0.1]}.
 * Every variant serves /plaintext, /json and /slow (see {@link BenchHandlers}; {@code web} as
 * gyre-web routes, {@link BenchRoutes}) and a WebSocket echo at /ws (every message comes back
 * unchanged). Exits with the server's exit code (0 after a graceful stop on SIGTERM).
 */
public final class BenchServer {
    private static final String USAGE = "usage: BenchServer --handler task|loop|web [--port 8010] [--host 127.0.0.1]";

    private BenchServer() {
    }

    /**
     * Starts the server and blocks until it stops.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        String variant = "task";
        String host = "127.0.0.1";
        int port = 8010;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--handler" -> variant = require(args[i], value);
                case "--host" -> host = require(args[i], value);
                case "--port" -> port = Integer.parseInt(require(args[i], value));
                default -> usage("unknown option '" + args[i] + "'");
            }
            i++;
        }
        HttpServer.Builder builder = switch (variant) {
            case "task" -> HttpServer.builder().handler(BenchHandlers.task());
            case "loop" -> HttpServer.builder().handler(BenchHandlers.loopSafe());
            case "web" -> WebApp.builder("bench", "1").routes(BenchRoutes.class).build().server();
            default -> {
                usage("--handler must be task, loop or web, not '" + variant + "'");
                yield null;
            }
        };
        System.exit(builder
                .webSocket("/ws", echo())
                .host(host)
                .port(port)
                .configure(c -> c.serverHeader(true).dateHeader(true).accessLog(false))
                .build()
                .run());
    }

    /** Echoes every text or binary message until the client closes. */
    static WebSocketHandler echo() {
        return session -> {
            for (WebSocketMessage message : session) {
                switch (message) {
                    case WebSocketMessage.Text text -> session.send(text.text());
                    case WebSocketMessage.Binary binary -> session.send(binary.data());
                }
            }
        };
    }

    private static String require(String option, String value) {
        if (value == null) {
            usage(option + " needs a value");
        }
        return value;
    }

    private static void usage(String problem) {
        System.err.println("BenchServer: " + problem + "\n" + USAGE);
        System.exit(2);
    }
}
