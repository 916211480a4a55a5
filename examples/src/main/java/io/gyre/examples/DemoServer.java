package io.gyre.examples;

import io.gyre.server.HttpServer;

/**
 * Serves {@link DemoApp} on 127.0.0.1:8000. The port can be changed with the first argument,
 * {@code --port N}, or {@code GYRE_PORT}; every other {@code GYRE_*} server option applies too.
 */
public final class DemoServer {
    private DemoServer() {
    }

    /**
     * Builds the demo server (not started).
     *
     * @param args {@code [port]} or {@code --port N}
     * @return the server
     */
    public static HttpServer create(String... args) {
        return HttpServer.builder()
                .handler(new DemoApp())
                .webSocket(DemoWebSocket.PATH, DemoWebSocket.echo())
                .configure(c -> DemoAddress.apply(c, args))
                .build();
    }

    /**
     * Runs the demo server until SIGINT/SIGTERM, then exits with the server's exit code.
     *
     * @param args {@code [port]} or {@code --port N}
     */
    public static void main(String[] args) {
        System.exit(create(args).run());
    }
}
