package io.gyre.bench.app;

import io.gyre.server.Handler;
import io.gyre.server.HttpServer;

/**
 * The load-test server: {@code BenchServer --handler task|loop [--port 8010] [--host 127.0.0.1]}.
 * Exits with the server's exit code (0 after a graceful stop on SIGTERM).
 */
public final class BenchServer {
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
        Handler handler = switch (variant) {
            case "task" -> BenchHandlers.task();
            case "loop" -> BenchHandlers.loopSafe();
            default -> {
                usage("--handler must be task or loop, not '" + variant + "'");
                yield null;
            }
        };
        System.exit(HttpServer.builder()
                .handler(handler)
                .host(host)
                .port(port)
                .configure(c -> c.serverHeader(true).dateHeader(true).accessLog(false))
                .build()
                .run());
    }

    private static String require(String option, String value) {
        if (value == null) {
            usage(option + " needs a value");
        }
        return value;
    }

    private static void usage(String problem) {
        System.err.println("BenchServer: " + problem
                + "\nusage: BenchServer --handler task|loop [--port 8010] [--host 127.0.0.1]");
        System.exit(2);
    }
}
