package io.gyre.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.gyre.runtime.CancelledException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A task handler's response leaves as soon as it is sent, even while the handler goes on; the
 * request is finished (counted, next request served) only when the handler ends.
 */
class EarlyResponseTest {
    @Test
    void aResponseLeavesAtOnceWhileItsHandlerKeepsRunning() throws Exception {
        CountDownLatch readByClient = new CountDownLatch(1);
        CountDownLatch handlerEnded = new CountDownLatch(1);
        Handler app = (rq, rs) -> {
            rs.send("early " + rq.path());
            if (rq.path().equals("/first")) {
                try {
                    if (!readByClient.await(10, TimeUnit.SECONDS)) {
                        throw new AssertionError("the client never read the early response");
                    }
                } catch (InterruptedException e) {
                    throw new CancelledException("interrupted");
                }
                handlerEnded.countDown();
            }
        };
        try (TestServer server = TestServer.start(app); RawClient c = new RawClient(server.port())) {
            c.send("GET /first HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(c.read().body()).isEqualTo("early /first"); // the handler still waits
            assertThat(server.stats().activeRequests()).isEqualTo(1);
            readByClient.countDown();
            assertThat(handlerEnded.await(10, TimeUnit.SECONDS)).isTrue();
            c.send("GET /second HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(c.read().body()).isEqualTo("early /second");
        }
    }

    @Test
    void manySequentialTaskRequestsAreEachFinishedExactlyOnce() throws Exception {
        Handler app = (rq, rs) -> rs.send("ok");
        try (TestServer server = TestServer.start(app); RawClient c = new RawClient(server.port())) {
            for (int i = 0; i < 200; i++) {
                c.send("GET /" + i + " HTTP/1.1\r\nHost: x\r\n\r\n");
                assertThat(c.read().body()).isEqualTo("ok");
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (server.stats().activeRequests() != 0 && System.nanoTime() < deadline) {
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000); // the last handler's end reaches the loop after its response
            }
            assertThat(server.stats().activeRequests()).isZero();
            assertThat(server.stats().requestsServed()).isEqualTo(200);
        }
    }
}
