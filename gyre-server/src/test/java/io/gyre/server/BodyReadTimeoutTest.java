package io.gyre.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.gyre.runtime.CancelledException;
import io.gyre.runtime.Gyre;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The request body idle deadline: 408 and close for a stalled body, nothing for a slow handler. */
class BodyReadTimeoutTest {
    static TestServer server;
    static final AtomicReference<Throwable> seen = new AtomicReference<>();
    /** Counted down by /answer just before it reads its body. */
    static volatile CountDownLatch answerReads = new CountDownLatch(1);
    static volatile CountDownLatch ended = new CountDownLatch(1);

    @BeforeAll
    static void start() {
        server = TestServer.start((rq, rs) -> {
            try {
                switch (rq.path()) {
                    case "/read" -> rs.send("read " + rq.bodyBytes().length);
                    case "/answer" -> {
                        try {
                            answerReads.countDown();
                            rs.send("read " + rq.bodyBytes().length);
                        } catch (java.io.UncheckedIOException e) {
                            // the reader was told by the failure, not cancelled: a checkpoint passes
                            io.gyre.runtime.Cancellation.checkpoint();
                            RequestBodyException refused = (RequestBodyException) e.getCause();
                            rs.status(refused.status()).send("answered: " + refused.getMessage());
                        }
                    }
                    case "/ignore" -> {
                        Gyre.sleep(Duration.ofMinutes(5));
                        rs.send("slept");
                    }
                    case "/late" -> {
                        Gyre.sleep(Duration.ofMillis(900)); // three deadlines while the body waits
                        try (InputStream in = rq.body()) {
                            rs.send("late " + in.readAllBytes().length);
                        }
                    }
                    default -> rs.status(404).send("no");
                }
            } catch (Throwable t) {
                seen.set(t);
                throw t;
            } finally {
                ended.countDown();
            }
        }, c -> c.bodyReadTimeout(Duration.ofMillis(300)).bodyBufferBytes(4096));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static void reset() {
        seen.set(null);
        ended = new CountDownLatch(1);
        answerReads = new CountDownLatch(1);
    }

    @Test
    void aStalledBodyGets408AndTheConnectionCloses() throws Exception {
        reset();
        try (RawClient c = new RawClient(server.port())) {
            c.send("POST /read HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n0123456789");
            RawClient.Reply r = c.read();
            assertThat(r.status()).isEqualTo(408);
            assertThat(r.header("Connection")).isEqualTo("close");
            assertThat(r.body()).contains("no request body bytes arrived for 300 ms");
            assertThat(c.closedByServer()).isTrue();
        }
        assertThat(ended.await(5, TimeUnit.SECONDS)).isTrue();
        awaitNoActiveRequest();
    }

    @Test
    void aHandlerWaitingForAStalledBodyIsToldNotCancelledAndAnswersItself() throws Exception {
        reset();
        try (RawClient c = new RawClient(server.port())) {
            c.send("POST /answer HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n");
            // the handler is about to wait in its read: the deadline runs from the bytes sent now
            assertThat(answerReads.await(10, TimeUnit.SECONDS)).isTrue();
            c.send("0123456789");
            RawClient.Reply r = c.read();
            assertThat(r.status()).isEqualTo(408);
            assertThat(r.body()).isEqualTo("answered: Request Timeout: no request body bytes arrived for 300 ms");
            assertThat(r.header("Connection")).isEqualTo("close");
            assertThat(c.closedByServer()).isTrue();
        }
        assertThat(ended.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(seen.get()).isNull();
        awaitNoActiveRequest();
    }

    @Test
    void aHandlerNotReadingAStalledBodyIsCancelled() throws Exception {
        reset();
        try (RawClient c = new RawClient(server.port())) {
            c.send("POST /ignore HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n0123456789");
            RawClient.Reply r = c.read();
            assertThat(r.status()).isEqualTo(408);
            assertThat(c.closedByServer()).isTrue();
        }
        assertThat(ended.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(seen.get()).isInstanceOf(CancelledException.class);
        awaitNoActiveRequest();
    }

    @Test
    void aFullBodyBufferWaitingForTheHandlerDoesNotTimeOut() throws Exception {
        reset();
        byte[] body = new byte[64 * 1024]; // 16 times the body buffer: reading pauses until the handler reads
        try (RawClient c = new RawClient(server.port())) {
            c.send("POST /late HTTP/1.1\r\nHost: x\r\nContent-Length: " + body.length + "\r\n\r\n").send(body);
            RawClient.Reply r = c.read();
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("late " + body.length);
        }
    }

    @Test
    void aPendingContinueDoesNotTimeOutUntilTheHandlerReads() throws Exception {
        reset();
        try (RawClient c = new RawClient(server.port())) {
            c.send("POST /late HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
            assertThat(c.read().status()).isEqualTo(100);
            RawClient.Reply r = c.send("hello").read();
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("late 5");
        }
    }

    @Test
    void theOptionIsReachableFromTextAndTheEnvironment() {
        assertThat(ServerConfig.defaults().bodyReadTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(ServerConfig.options()).anySatisfy(o -> {
            assertThat(o.flag()).isEqualTo("--body-read-timeout");
            assertThat(o.env()).isEqualTo("GYRE_BODY_READ_TIMEOUT");
            assertThat(o.defaultValue()).isEqualTo("30s");
        });
        assertThat(ServerConfig.builder().set("bodyReadTimeout", "2m").build().bodyReadTimeout())
                .isEqualTo(Duration.ofMinutes(2));
        assertThat(ServerConfig.builder().applyEnvironment(Map.of("GYRE_BODY_READ_TIMEOUT", "500ms")).build()
                .bodyReadTimeout()).isEqualTo(Duration.ofMillis(500));
    }

    private static void awaitNoActiveRequest() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (server.stats().activeRequests() != 0 && System.nanoTime() - deadline < 0) {
            Thread.sleep(1); // polling: the server publishes no "request ended" event
        }
        assertThat(server.stats().activeRequests()).isZero();
    }
}
