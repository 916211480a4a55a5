package io.gyre.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.gyre.runtime.CancelledException;
import io.gyre.runtime.Gyre;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Once a request's body deadline passed, a failure of the handler that is not the deadline's own
 * doing is still the handler's: logged at WARNING with its exception, not hidden as a bad body.
 */
class BodyTimeoutFailureLoggingTest {
    static volatile CountDownLatch handlerReady = new CountDownLatch(1);
    static LogRecords log;
    static TestServer server;

    @BeforeAll
    static void start() {
        log = LogRecords.ofServer();
        server = TestServer.start((rq, rs) -> {
            switch (rq.path()) {
                case "/bug" -> {
                    try {
                        handlerReady.countDown();
                        rs.send("read " + rq.bodyBytes().length);
                    } catch (java.io.UncheckedIOException e) {
                        throw new IllegalStateException("a bug in the handler's own error path");
                    }
                }
                case "/cleanup" -> {
                    AutoCloseable resource = () -> {
                        throw new IllegalStateException("the pool refused the connection back");
                    };
                    try (resource) {
                        handlerReady.countDown();
                        Gyre.sleep(Duration.ofMinutes(5)); // not reading: the deadline cancels it
                    }
                }
                default -> rs.status(404).send("no");
            }
        }, c -> c.bodyReadTimeout(Duration.ofMillis(300)));
    }

    @AfterAll
    static void stop() {
        server.close();
        log.close();
    }

    private static LogRecord warningAfterAStalledBody(String path) throws Exception {
        log.clear();
        handlerReady = new CountDownLatch(1);
        try (RawClient c = new RawClient(server.port())) {
            c.send("POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n");
            assertThat(handlerReady.await(10, TimeUnit.SECONDS)).isTrue();
            c.send("0123456789"); // the deadline runs from here, with the handler in place
            c.read();
        }
        return log.await(r -> r.getLevel().intValue() >= Level.WARNING.intValue(), Duration.ofSeconds(10))
                .orElseThrow(() -> new AssertionError("no WARNING for " + path + "; records: " + log.all()));
    }

    @Test
    void aHandlerThatFailsAfterItsBodyTimedOutIsLoggedWithItsFailure() throws Exception {
        LogRecord r = warningAfterAStalledBody("/bug");
        assertThat(r.getMessage()).contains("POST /bug").contains("failed");
        assertThat(r.getThrown()).hasMessage("a bug in the handler's own error path");
    }

    @Test
    void aCleanupThatFailsAfterTheBodyDeadlineCancelledTheRequestIsLogged() throws Exception {
        LogRecord r = warningAfterAStalledBody("/cleanup");
        assertThat(r.getMessage()).contains("POST /cleanup").contains("cleanup failed");
        assertThat(r.getThrown()).isInstanceOf(CancelledException.class);
        assertThat(((CancelledException) r.getThrown()).cleanupFailure()).get()
                .extracting(Throwable::getMessage).isEqualTo("the pool refused the connection back");
    }
}
