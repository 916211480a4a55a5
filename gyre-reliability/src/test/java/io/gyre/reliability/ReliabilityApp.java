package io.gyre.reliability;

import io.gyre.runtime.Gyre;
import io.gyre.runtime.Runner;
import io.gyre.server.HttpServer;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The server the child-JVM tests start: {@code /} answers ok, {@code /slow?ms=N} sleeps first,
 * {@code /echo} reads the body, {@code /stream?n=N} streams N chunks, {@code /__stats} reports
 * connections, requests in flight and live tasks; {@code /readyz} is the readiness path. Prints
 * {@code PORT n} once bound and {@code SERVED n} and {@code EXIT code} at the end.
 */
public final class ReliabilityApp {
    private ReliabilityApp() {
    }

    /**
     * Runs the server.
     *
     * @param args port, graceful timeout (ms), shutdown delay (ms), max connections
     */
    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        long graceful = Long.parseLong(args[1]);
        long delay = Long.parseLong(args[2]);
        int maxConnections = Integer.parseInt(args[3]);
        AtomicLong served = new AtomicLong();
        HttpServer[] self = new HttpServer[1];
        HttpServer server = HttpServer.builder()
                .handler((rq, rs) -> {
                    served.incrementAndGet();
                    switch (rq.path()) {
                        case "/slow" -> {
                            Gyre.sleep(Duration.ofMillis(Long.parseLong(rq.query("ms").orElse("10"))));
                            rs.send("slow");
                        }
                        case "/echo" -> rs.send("echo " + rq.bodyBytes().length);
                        case "/stream" -> {
                            int n = Integer.parseInt(rq.query("n").orElse("16"));
                            try (OutputStream out = rs.body()) {
                                byte[] chunk = "0123456789abcdef".repeat(64).getBytes(StandardCharsets.US_ASCII);
                                for (int i = 0; i < n; i++) {
                                    out.write(chunk);
                                    out.flush();
                                }
                            }
                        }
                        case "/__stats" -> {
                            var s = self[0].statistics();
                            int tasks = Runner.current().map(r -> r.dump().tasks().size()).orElse(-1);
                            rs.send("connections=" + s.connections() + " active=" + s.activeRequests() + " tasks=" + tasks
                                    + " served=" + s.requestsServed());
                        }
                        default -> rs.send("ok");
                    }
                })
                .configure(c -> c.port(port).gracefulTimeout(Duration.ofMillis(graceful))
                        .shutdownDelay(Duration.ofMillis(delay)).readinessPath("/readyz").maxConnections(maxConnections)
                        .headerReadTimeout(Duration.ofSeconds(3)).keepAliveTimeout(Duration.ofSeconds(5))
                        .cancelGrace(Duration.ofSeconds(1)).logLevel("warning"))
                .build();
        self[0] = server;
        Thread.ofPlatform().daemon(true).start(() -> {
            while (true) {
                try {
                    System.out.println("PORT " + server.port());
                    return;
                } catch (IllegalStateException e) {
                    Thread.onSpinWait();
                }
            }
        });
        int code = server.run();
        System.out.println("SERVED " + served.get());
        System.out.println("EXIT " + code);
        System.out.flush();
        System.exit(code);
    }
}
