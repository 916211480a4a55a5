package io.gyre.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.gyre.runtime.CancelledException;
import io.gyre.server.Handler;
import io.gyre.server.ServerStatistics;
import io.gyre.server.TestServer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * A pipelined request dropped because the response before it closed the connection: its handler
 * still runs to its end (cancellation on disconnect is off) and sends late. That response is
 * discarded and taken off the buffered bytes, and the request ends exactly once.
 */
class PipelinedDropTest {
    private static final long WAIT_SECONDS = 10;

    @Test
    void aResponseSentAfterItsRequestWasDroppedIsDiscardedAndTheRequestEndsOnce() throws Exception {
        CountDownLatch secondStarted = new CountDownLatch(1);
        CountDownLatch firstRead = new CountDownLatch(1);
        CountDownLatch lateSent = new CountDownLatch(1);
        Handler app = (rq, rs) -> {
            if (rq.path().equals("/first")) {
                await(secondStarted); // so the second runs, dispatched by read-ahead, when this closes
                rs.header("Connection", "close").send("first");
                return;
            }
            secondStarted.countDown();
            await(firstRead);
            try {
                rs.send("late");
            } finally {
                lateSent.countDown();
            }
        };
        try (TestServer server = TestServer.start(app, c -> c.cancelOnDisconnect(false), r -> r.loops(1))) {
            try (Socket client = new Socket()) {
                client.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
                client.setSoTimeout((int) TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
                client.getOutputStream().write(("GET /first HTTP/1.1\r\nHost: x\r\n\r\n"
                        + "GET /second HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                String all = new String(client.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                assertThat(all).startsWith("HTTP/1.1 200").contains("Connection: close").endsWith("\r\n\r\nfirst");
                firstRead.countDown(); // the connection lingers (open) until this client closes
                await(lateSent);
                awaitStats(server, s -> s.activeRequests() == 0, "the dropped request to end");
            } finally {
                firstRead.countDown();
            }
            awaitStats(server, s -> s.connections() == 0, "the connection to close");
            ServerStatistics stats = server.stats();
            assertThat(stats.activeRequests()).isZero();
            assertThat(stats.bufferedResponseBytes()).isZero();
            server.stop(); // fails the test if the server does not stop
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError("timed out waiting for a latch");
            }
        } catch (InterruptedException e) {
            throw new CancelledException("interrupted");
        }
    }

    /** Polls (bounded): the server publishes no event for its statistics. */
    private static void awaitStats(TestServer server, Predicate<ServerStatistics> condition, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!condition.test(server.stats())) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out waiting for " + what + ": " + server.stats());
            }
            Thread.sleep(1);
        }
    }
}
