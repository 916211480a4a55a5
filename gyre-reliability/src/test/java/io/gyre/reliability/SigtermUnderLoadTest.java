package io.gyre.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * SIGTERM to a child-JVM server while load runs: every request the server accepted completes
 * with 2xx, new connections are refused only after the listener closed, exit 0 in time.
 */
class SigtermUnderLoadTest {
    @Test
    void sigtermDuringLoadCompletesEveryAcceptedRequestAndExitsZero() throws Exception {
        drain(0);
    }

    @Test
    void sigtermWithAShutdownDelayKeepsServingThroughTheDelay() throws Exception {
        drain(1000);
    }

    private static void drain(long delayMillis) throws Exception {
        long loadMillis = Math.max(2000, Settings.number("load.seconds", 8) * 1000 / 3);
        try (ChildServer child = new ChildServer(0, 10_000, delayMillis, 0, "256m", 1000)) {
            LoadClient load = new LoadClient(child.port, 32, "/slow?ms=20", true);
            Thread.sleep(loadMillis); // let the load run before the signal: this is its duration, not a wait for an event
            assertThat(load.totals().ok()).as("requests served before the signal: %s", load.totals()).isPositive();
            long signalled = System.nanoTime();
            child.sigterm();
            assertThat(load.awaitWorkers(20_000)).as("every load connection ends once refused").isTrue();
            LoadClient.Totals t = load.stop();
            int code = child.exit(20);
            assertThat(code).as("exit code; stderr: %s", child.errors()).isZero();
            long refusedAfterMs = (t.firstRefusalNanos() - signalled) / 1_000_000;
            assertThat(t.non2xx()).as("non-2xx answers: %s", t).isZero();
            assertThat(t.failedInFlight()).as("requests cut or reset in flight: %s", t).isZero();
            assertThat(child.served()).as("requests the handler saw vs completed by the client: %s", t)
                    .isEqualTo(t.ok());
            assertThat(refusedAfterMs).as("first refusal after the signal (ms)").isGreaterThanOrEqualTo(delayMillis);
            assertThat(child.problems()).as("problems the child logged").isEmpty();
            String key = "sigterm.delay" + delayMillis + "ms.";
            Settings.figure(key + "requests", t.ok());
            Settings.figure(key + "refusedAfterMs", refusedAfterMs);
            Settings.figure(key + "idleClosed", t.idleClosed());
            Settings.figure(key + "exitMs", (System.nanoTime() - signalled) / 1_000_000);
        }
    }
}
