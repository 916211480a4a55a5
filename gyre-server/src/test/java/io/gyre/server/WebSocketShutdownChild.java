package io.gyre.server;

import java.time.Duration;

/** The child JVM of {@link WebSocketShutdownTest}: a WebSocket echo server closing sessions with 1012. */
public final class WebSocketShutdownChild {
    private WebSocketShutdownChild() {
    }

    /**
     * Runs the child.
     *
     * @param args the graceful timeout in milliseconds
     */
    public static void main(String[] args) {
        long graceful = Long.parseLong(args[0]);
        HttpServer server = HttpServer.builder()
                .handler((rq, rs) -> rs.send("plain\n"))
                .webSocket("/ws", WebSocketEndpoint.builder(session -> {
                    for (WebSocketMessage m : session) {
                        session.send(m);
                    }
                }).config(WebSocketConfig.builder().shutdownCloseCode(CloseCodes.SERVICE_RESTART)
                        .closeTimeout(Duration.ofSeconds(2)).build()).build())
                .configure(c -> c.host("127.0.0.1").port(0).gracefulTimeout(Duration.ofMillis(graceful))
                        .logLevel("warning"))
                .build();
        ShutdownChild.runReportingPort(server);
    }
}
