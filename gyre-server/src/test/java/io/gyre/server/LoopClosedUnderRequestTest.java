package io.gyre.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.gyre.runtime.CancelledException;
import io.gyre.runtime.Loop;
import io.gyre.runtime.Runner;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A request whose serving loop closed before its handler ended is still counted as finished. */
class LoopClosedUnderRequestTest {
    private static final Logger serverLog = Logger.getLogger("io.gyre.server");

    @BeforeAll
    static void quiet() {
        serverLog.setUseParentHandlers(false); // the forced-down loop makes the shutdown warn: expected
    }

    @AfterAll
    static void restore() {
        serverLog.setUseParentHandlers(true);
    }

    @Test
    void aHandlerThatEndsAfterItsLoopClosedNoLongerCountsAsActive() throws Exception {
        AtomicReference<Loop> serving = new AtomicReference<>();
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch ended = new CountDownLatch(1);
        Handler app = (rq, rs) -> {
            rs.send("sent while the loop runs\n");
            serving.set(Runner.current().orElseThrow().loops().loops().getFirst()); // the only serving loop
            running.countDown();
            try {
                if (!release.await(10, TimeUnit.SECONDS)) {
                    throw new AssertionError("the test never released the handler");
                }
            } catch (InterruptedException e) {
                throw new CancelledException("interrupted");
            } finally {
                ended.countDown();
            }
        };
        try (TestServer server = TestServer.start(app, c -> c.loops(1).gracefulTimeout(Duration.ofMillis(200))
                        .cancelOnDisconnect(false)); // the handler outlives its connection and loop
                RawClient c = new RawClient(server.port())) {
            c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(c.read().body()).isEqualTo("sent while the loop runs\n");
            assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
            Loop loop = serving.get();
            loop.stop("test: the serving loop is forced down under a running request");
            assertThat(loop.awaitClosed(Duration.ofSeconds(10))).as("serving loop closed").isTrue();
            assertThat(server.stats().activeRequests()).isEqualTo(1);

            release.countDown();
            assertThat(ended.await(10, TimeUnit.SECONDS)).isTrue();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (server.stats().activeRequests() != 0 && System.nanoTime() < deadline) {
                LockSupport.parkNanos(1_000_000); // the end is accounted on the handler's thread, after it returned
            }
            assertThat(server.stats().activeRequests()).as("requests in flight after the handler ended").isZero();
            assertThat(server.stop()).as("exit code: no request left to cancel").isZero();
        }
    }
}
