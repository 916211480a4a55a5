package io.gyre.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.gyre.runtime.CancelledException;
import io.gyre.runtime.Gyre;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HandlerFailureTest {
    static final CountDownLatch sleeping = new CountDownLatch(1);
    static final CountDownLatch cancelled = new CountDownLatch(1);
    static final CountDownLatch holding = new CountDownLatch(1);
    static final CountDownLatch closeFailed = new CountDownLatch(1);
    static LogRecords log;
    static TestServer server;

    @BeforeAll
    static void start() {
        log = LogRecords.ofServer();
        server = TestServer.start((rq, rs) -> {
            switch (rq.path()) {
                case "/boom" -> throw new IllegalStateException("boom");
                case "/late-boom" -> {
                    OutputStream out = rs.body();
                    out.write("partial".getBytes());
                    out.flush();
                    throw new IllegalStateException("late boom");
                }
                case "/reported" -> {
                    OutputStream out = rs.body();
                    out.write("partial".getBytes());
                    out.flush();
                    throw new ResponseAbortedException("the body of GET /reported broke (logged by the app)",
                            new IllegalStateException("late boom"));
                }
                case "/hang" -> {
                    sleeping.countDown();
                    try {
                        Gyre.sleep(Duration.ofMinutes(5));
                    } catch (CancelledException e) {
                        cancelled.countDown();
                        throw e;
                    }
                }
                case "/hang-close" -> {
                    AutoCloseable resource = () -> {
                        closeFailed.countDown();
                        throw new IllegalStateException("the pool refused the connection back");
                    };
                    try (resource) {
                        holding.countDown();
                        Gyre.sleep(Duration.ofMinutes(5));
                    }
                }
                default -> rs.send("ok");
            }
        });
    }

    private static List<String> messages() {
        return log.all().stream().map(LogRecord::getMessage).toList();
    }

    @AfterAll
    static void stop() {
        server.close();
        log.close();
        java.util.logging.Logger.getLogger("io.gyre.server").setLevel(null); // inherit from io.gyre again
    }

    @Test
    void failureBeforeTheResponseIs500AndCloseAndIsLoggedWithTheRequestLine() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            RawClient.Reply r = c.send("GET /boom HTTP/1.1\r\nHost: x\r\n\r\n").read();
            assertThat(r.status()).isEqualTo(500);
            assertThat(r.header("Connection")).isEqualTo("close");
            assertThat(c.closedByServer()).isTrue();
        }
        assertThat(messages()).anyMatch(m -> m.contains("GET /boom HTTP/1.1") && m.contains("500"));
    }

    @Test
    void failureAfterTheResponseStartedCutsTheConnection() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            c.send("GET /late-boom HTTP/1.1\r\nHost: x\r\n\r\n");
            byte[] all = c.socket().getInputStream().readAllBytes();
            String text = new String(all);
            assertThat(text).contains("partial").doesNotEndWith("0\r\n\r\n");
        }
        assertThat(messages()).anyMatch(m -> m.contains("GET /late-boom HTTP/1.1") && m.contains("closing the connection"));
    }

    @Test
    void anAbortedResponseCutsTheConnectionWithoutAWarning() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            c.send("GET /reported HTTP/1.1\r\nHost: x\r\n\r\n");
            String text = new String(c.socket().getInputStream().readAllBytes());
            assertThat(text).contains("partial").doesNotEndWith("0\r\n\r\n");
        }
        assertThat(log.all()).noneMatch(r -> r.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()
                && r.getMessage().contains("/reported"));
    }

    @Test
    void clientThatGoesAwayCancelsItsTask() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            c.send("GET /hang HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(sleeping.await(5, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(cancelled.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aCleanupThatFailsAfterTheRequestWasCancelledIsLoggedWithItsFailure() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            c.send("GET /hang-close HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(holding.await(5, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(closeFailed.await(5, TimeUnit.SECONDS)).isTrue();
        LogRecord r = log.await(x -> x.getMessage().contains("/hang-close"), Duration.ofSeconds(5))
                .orElseThrow(() -> new AssertionError("no record for /hang-close"));
        assertThat(r.getLevel()).isEqualTo(java.util.logging.Level.WARNING);
        assertThat(r.getMessage()).contains("cancelled").contains("cleanup failed");
        assertThat(r.getThrown()).isInstanceOf(CancelledException.class);
        assertThat(r.getThrown().getSuppressed()).anyMatch(t -> t.getMessage().contains("refused the connection back"));
    }

    @Test
    void loopSafeHandlerRunsOnTheLoopThread() throws Exception {
        try (TestServer inline = TestServer.start(io.gyre.server.Handler.loopSafe(
                (rq, rs) -> rs.send("virtual=" + Thread.currentThread().isVirtual())))) {
            try (RawClient c = new RawClient(inline.port())) {
                for (int i = 0; i < 3; i++) {
                    assertThat(c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read().body()).isEqualTo("virtual=false");
                }
            }
        }
    }
}
