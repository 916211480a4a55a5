package io.gyre.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * Two child-JVM servers behind nginx ({@code proxy_next_upstream error timeout http_502}),
 * restarted in turn with SIGTERM while load runs through nginx: the client sees no failure. The
 * next instance is restarted only once the previous one answers its readiness path again (and,
 * with passive health checks, nginx's fail_timeout has passed), as a deploy tool would.
 */
class RollingRestartTest {
    @Test
    void rollingRestartBehindNginxLosesNoRequest() throws Exception {
        roll(0, 0);
    }

    @Test
    void rollingRestartWithAShutdownDelayAndPassiveHealthChecksLosesNoRequest() throws Exception {
        roll(700, 1);
    }

    private static void roll(long delayMillis, int maxFails) throws Exception {
        assumeTrue(Files.isExecutable(Nginx.BINARY), "nginx is not installed (Debian package nginx-light)");
        long total = Settings.number("load.seconds", 8) * 1000;
        int[] ports = {Nginx.freePort(), Nginx.freePort()};
        ChildServer[] servers = {new ChildServer(ports[0], 10_000, delayMillis, 0, "192m"),
                new ChildServer(ports[1], 10_000, delayMillis, 0, "192m")};
        int restarts = 0;
        long blocked = 0;
        try (Nginx nginx = new Nginx(ports[0], ports[1], maxFails)) {
            LoadClient load = new LoadClient(nginx.port, 16, "/slow?ms=5", false);
            long start = System.currentTimeMillis();
            int next = 0;
            while (System.currentTimeMillis() - start < total - 1000) {
                Thread.sleep(500); // load on both instances between restarts, part of the scenario
                ChildServer old = servers[next];
                old.sigterm();
                assertThat(old.exit(20)).as("exit code of the restarted instance; stderr %s", old.errors()).isZero();
                blocked += old.blockedLoopReports();
                assertThat(old.problemsBesidesBlockedLoops()).as("problems logged by the stopped instance; its stderr:\n%s", old.errors()).isEmpty();
                old.close();
                servers[next] = new ChildServer(ports[next], 10_000, delayMillis, 0, "192m");
                awaitReady(ports[next]);
                if (maxFails > 0) {
                    Thread.sleep(1100); // nginx's fail_timeout: the instance is back in rotation after it
                }
                restarts++;
                next = 1 - next;
            }
            Thread.sleep(500); // load on the restarted pair before stopping the client
            LoadClient.Totals t = load.stop();
            assertThat(t.ok()).as("requests served through nginx: %s", t).isPositive();
            assertThat(t.non2xx() + t.failedInFlight() + t.idleClosed() + t.refused())
                    .as("failed requests seen by the client through nginx: %s; nginx log %s", t, nginx.log()).isZero();
            Settings.figure("rolling.delay" + delayMillis + "ms.restarts", restarts);
            Settings.figure("rolling.delay" + delayMillis + "ms.requests", t.ok());
            Settings.figure("rolling.delay" + delayMillis + "ms.maxLatencyMs", t.maxLatencyMillis());
            Settings.figure("rolling.delay" + delayMillis + "ms.coldStartBlockedLoopReports", blocked);
        } finally {
            for (ChildServer s : servers) {
                s.close();
            }
        }
        assertThat(restarts).isGreaterThanOrEqualTo(2);
    }

    private static void awaitReady(int port) throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (true) {
            Wire.Exchange x = Wire.exchange(port, java.util.List.of(
                    "GET /readyz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes()), java.time.Duration.ofSeconds(5));
            if (!x.responses().isEmpty() && x.last().status() == 200) {
                return;
            }
            assertThat(System.nanoTime()).as("instance on port %d ready within 20 s", port).isLessThan(deadline);
            Thread.sleep(20); // polling the readiness path, as a deploy tool does
        }
    }
}
