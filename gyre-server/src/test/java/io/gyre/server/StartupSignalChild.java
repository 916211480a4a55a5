package io.gyre.server;

import io.gyre.runtime.Gyre;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/** The child JVM of {@link SignalDuringStartupTest}: a startup hook that waits until it is stopped. */
public final class StartupSignalChild {
    private StartupSignalChild() {
    }

    /**
     * Runs the child.
     *
     * @param args {@code gyre} (the hook waits in a Gyre call) or {@code jdk} (in a JDK call)
     */
    public static void main(String[] args) {
        boolean gyre = args[0].equals("gyre");
        HttpServer server = HttpServer.builder()
                .handler((rq, rs) -> rs.send("unused"))
                .onStartup(state -> {
                    System.out.println("IN-HOOK");
                    System.out.flush();
                    if (gyre) {
                        Gyre.sleep(Duration.ofMinutes(1));
                    } else {
                        new CountDownLatch(1).await();
                    }
                })
                .configure(c -> c.host("127.0.0.1").port(0))
                .build();
        int code = server.run();
        System.out.println("EXIT " + code);
        System.out.flush();
        System.exit(code);
    }
}
