package io.gyre.server;

import io.gyre.runtime.CancelledException;
import io.gyre.runtime.Gyre;
import java.time.Duration;

/** The child JVM of {@link SignalShutdownTest}: serves /slow?ms=N, reports events on stdout. */
public final class ShutdownChild {
    private ShutdownChild() {
    }

    /**
     * Runs the child.
     *
     * @param args the graceful timeout in milliseconds
     */
    public static void main(String[] args) {
        long graceful = Long.parseLong(args[0]);
        HttpServer server = HttpServer.builder()
                .handler((rq, rs) -> {
                    long ms = Long.parseLong(rq.query("ms").orElse("0"));
                    System.out.println("STARTED " + rq.target());
                    try {
                        Gyre.sleep(Duration.ofMillis(ms));
                    } catch (CancelledException e) {
                        System.out.println("CANCELLED " + rq.target());
                        throw e;
                    }
                    rs.send("done");
                })
                .onStartup(state -> state.put("started", true))
                .onShutdown(state -> System.out.println("SHUTDOWN-HOOK-RAN " + state.require("started", Boolean.class)))
                .configure(c -> c.port(0).gracefulTimeout(Duration.ofMillis(graceful)).cancelGrace(Duration.ofSeconds(2))
                        .logLevel("warning"))
                .build();
        runReportingPort(server);
    }

    /**
     * Prints {@code PORT n} once the server is bound, runs it, prints {@code EXIT code} and exits
     * with that code: the protocol the parent tests read.
     */
    static void runReportingPort(HttpServer server) {
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
        System.out.println("EXIT " + code);
        System.out.flush();
        System.exit(code);
    }
}
