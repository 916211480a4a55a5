package io.gyre.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.gyre.runtime.CancelledException;
import io.gyre.runtime.Gyre;
import io.gyre.server.TestServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Clients that go away mid-request and mid-response: the request's task ends (cancelled or
 * failing its read), buffers are released, connections and tasks return to the baseline, and
 * nothing is logged as a server error.
 */
class DisconnectFaultsTest {
    /** Handlers that saw CancelledException or a failed write. */
    private static final AtomicInteger cancelled = new AtomicInteger();
    private static final AtomicInteger readFailed = new AtomicInteger();
    private static volatile CountDownLatch entered = new CountDownLatch(1);
    private static volatile CountDownLatch ended = new CountDownLatch(1);
    private static LogCapture log;
    private static TestServer server;
    private static TestServer.Baseline base;

    @BeforeAll
    static void start() throws Exception {
        log = LogCapture.start();
        server = TestServer.start((rq, rs) -> {
            entered.countDown();
            try {
                switch (rq.path()) {
                    case "/upload" -> {
                        try (InputStream in = rq.body()) {
                            in.readAllBytes();
                        } catch (java.io.IOException e) {
                            readFailed.incrementAndGet();
                            return; // rethrowing is logged as a failure: see ClientGoneLoggingTest
                        }
                        rs.send("got it");
                    }
                    case "/stream" -> {
                        OutputStream out = rs.body();
                        byte[] chunk = new byte[16384];
                        while (true) { // until the client goes away
                            out.write(chunk);
                            out.flush();
                        }
                    }
                    case "/wait" -> {
                        Gyre.sleep(Duration.ofMinutes(5));
                        rs.send("late");
                    }
                    default -> rs.send("ok");
                }
            } catch (CancelledException | java.io.IOException e) {
                cancelled.incrementAndGet(); // cancelled, or its write failed: the client is gone
                throw e;
            } finally {
                ended.countDown();
            }
        }, c -> c.logLevel("info"));
        Wire.exchange(server.port(), List.of(Invariants.FOLLOW_UP), Duration.ofSeconds(5));
        base = server.awaitIdle();
    }

    @AfterAll
    static void stop() {
        try {
            assertThat(server.stop()).isZero();
        } finally {
            server.close();
            log.close();
        }
    }

    @BeforeEach
    void reset() {
        entered = new CountDownLatch(1);
        ended = new CountDownLatch(1);
        log.clear();
    }

    private static void afterwards(String what) throws Exception {
        assertThat(ended.await(10, TimeUnit.SECONDS)).as("the handler ended after %s", what).isTrue();
        server.awaitBaseline(base, what);
        assertThat(log.problems()).as("server errors logged after %s", what).isEmpty();
    }

    @Test
    void clientGoneWhileTheHandlerWaitsCancelsTheTask() throws Exception {
        int before = cancelled.get();
        try (Socket s = Wire.connect(server.port())) {
            s.getOutputStream().write("GET /wait HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
        }
        afterwards("a client that left while its handler waited");
        assertThat(cancelled.get()).isEqualTo(before + 1);
    }

    @Test
    void clientGoneMidBodyEndsTheReadingHandler() throws Exception {
        int before = cancelled.get() + readFailed.get();
        try (Socket s = Wire.connect(server.port())) {
            OutputStream out = s.getOutputStream();
            out.write("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.write(new byte[30000]);
            out.flush();
            assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
        }
        afterwards("a client that left mid-body");
        assertThat(cancelled.get() + readFailed.get()).isEqualTo(before + 1);
    }

    @Test
    void clientResettingMidResponseCancelsTheStreamingHandler() throws Exception {
        int before = cancelled.get();
        try (Socket s = Wire.connect(server.port())) {
            s.getOutputStream().write("GET /stream HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            s.getInputStream().readNBytes(100_000);
            s.setSoLinger(true, 0); // close with RST
        }
        afterwards("a client that reset mid-response");
        assertThat(cancelled.get()).isEqualTo(before + 1);
    }

    @Test
    void clientThatStopsReadingAndLeavesReleasesTheResponseBuffer() throws Exception {
        int before = cancelled.get();
        try (Socket s = Wire.connect(server.port())) {
            s.setReceiveBufferSize(4096);
            s.getOutputStream().write("GET /stream HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (server.stats().bufferedResponseBytes() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(5); // polling: wait until the server holds unsent bytes for us
            }
            assertThat(server.stats().bufferedResponseBytes()).as("bytes held for a stalled reader").isPositive();
        }
        afterwards("a stalled reader that left");
        assertThat(cancelled.get()).isEqualTo(before + 1);
    }

    @Test
    void chunkedBodyBrokenMidChunkReleasesItsBufferedBytes() throws Exception {
        Wire.Exchange x = Wire.exchange(server.port(), List.of(("POST /upload HTTP/1.1\r\nHost: x\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n3\r\nabcX0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1)),
                Duration.ofSeconds(5));
        assertThat(x.closed()).isTrue();
        assertThat(Invariants.violations(x)).isEmpty();
        afterwards("a chunk without its CRLF");
    }
}
