package io.gyre.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The listener accepts on a loop of its own: a loop-safe handler blocking the only serving loop
 * does not stop new connections from being accepted (and answered once the loop is free).
 */
class AcceptWhileLoopBlockedTest {
    @Test
    void connectionsAreAcceptedWhileTheServingLoopIsBlocked() throws Exception {
        CountDownLatch blocking = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        LoopSafeHandler app = (request, response) -> {
            if (request.path().equals("/block")) {
                blocking.countDown();
                release.await(10, TimeUnit.SECONDS); // blocks the loop on purpose
            }
            response.send("done " + request.path());
        };
        // the blocked-loop report is expected: TestServer keeps reports off stderr
        TestServer running = TestServer.start(HttpServer.builder().handler(app)
                .configure(c -> c.host("127.0.0.1").port(0)), r -> r.name("accept-test").loops(1));
        HttpServer server = running.server();
        try (RawClient blocker = new RawClient(server.port())) {
            blocker.send("GET /block HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(blocking.await(10, TimeUnit.SECONDS)).isTrue();
            try (RawClient late = new RawClient(server.port())) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (server.statistics().connections() < 2 && System.nanoTime() - deadline < 0) {
                    Thread.sleep(1); // polling: accepting publishes no event
                }
                assertThat(server.statistics().connections()).as("connections accepted while the loop is blocked")
                        .isEqualTo(2);
                release.countDown();
                assertThat(blocker.read().body()).isEqualTo("done /block");
                assertThat(late.send("GET /late HTTP/1.1\r\nHost: x\r\n\r\n").read().body()).isEqualTo("done /late");
            }
        } finally {
            release.countDown();
            running.close();
        }
    }
}
