package io.gyre.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.gyre.runtime.Loop;
import io.gyre.runtime.Report;
import io.gyre.runtime.Runner;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A serving loop that closes with connections still open on it (forced down, or closed by the
 * runner before the server's drain ended) closes them as the server does: they are no longer
 * counted, and a handler waiting on one is told at once instead of waiting for the graceful timeout.
 */
class LoopClosedUnderConnectionTest {
    private static final Logger serverLog = Logger.getLogger("io.gyre.server");

    @BeforeAll
    static void quiet() {
        serverLog.setUseParentHandlers(false); // the forced-down loop makes the shutdown warn: expected
    }

    @AfterAll
    static void restore() {
        serverLog.setUseParentHandlers(true);
    }

    private static Loop theServingLoop() {
        return Runner.current().orElseThrow().loops().loops().getFirst(); // loops(1): the only serving loop
    }

    private static void forceDown(Loop loop) {
        loop.stop("test: the serving loop is forced down under an open connection");
        assertThat(loop.awaitClosed(Duration.ofSeconds(10))).as("serving loop closed").isTrue();
    }

    @Test
    void anIdleConnectionWhoseLoopClosedIsNoLongerCounted() throws Exception {
        AtomicReference<Loop> serving = new AtomicReference<>();
        Handler app = (rq, rs) -> {
            serving.set(theServingLoop());
            rs.send("ok\n");
        };
        try (TestServer server = TestServer.start(app, c -> c.loops(1).gracefulTimeout(Duration.ofMillis(200)));
                RawClient c = new RawClient(server.port())) {
            c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(c.read().body()).isEqualTo("ok\n");
            assertThat(server.stats().connections()).isEqualTo(1);

            forceDown(serving.get());
            assertThat(server.stats().connections()).as("connections once their loop closed").isZero();
            assertThat(server.stop()).isZero();
            assertThat(server.stats().connections()).as("connections after the server ended").isZero();
            assertThat(server.stats().activeRequests()).as("requests after the server ended").isZero();
        }
    }

    @Test
    void aHandlerReadingTheBodyOfAConnectionWhoseLoopClosedFailsAtOnce() throws Exception {
        AtomicReference<Loop> serving = new AtomicReference<>();
        AtomicReference<Throwable> readFailure = new AtomicReference<>();
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch ended = new CountDownLatch(1);
        Handler app = (rq, rs) -> {
            serving.set(theServingLoop());
            try {
                reading.countDown();
                rq.body().readAllBytes(); // the client sends 2 of 10 bytes
            } catch (IOException e) {
                readFailure.set(e);
            } finally {
                ended.countDown();
            }
        };
        try (TestServer server = TestServer.start(app, c -> c.loops(1).gracefulTimeout(Duration.ofSeconds(30))
                        .cancelOnDisconnect(false)); // what tells the handler is its body read
                RawClient c = new RawClient(server.port())) {
            c.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nab");
            assertThat(reading.await(10, TimeUnit.SECONDS)).isTrue();

            forceDown(serving.get());
            assertThat(ended.await(10, TimeUnit.SECONDS)).as("the handler ended without being cancelled").isTrue();
            assertThat(readFailure.get()).as("what the body read threw").isInstanceOf(IOException.class);
            assertThat(server.stats().connections()).as("connections once their loop closed").isZero();
            assertThat(server.stop()).as("exit code: no request left to cancel").isZero();
            assertThat(server.stats().connections()).as("connections after the server ended").isZero();
            assertThat(server.stats().activeRequests()).as("requests after the server ended").isZero();
            assertThat(server.stats().bufferedRequestBytes()).as("request bytes after the server ended").isZero();
            assertThat(server.reports()).as("nothing reported as left running").noneMatch(Report.Straggler.class::isInstance);
        }
    }
}
