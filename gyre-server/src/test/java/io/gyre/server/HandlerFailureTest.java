package io.gyre.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.gyre.runtime.CancelledException;
import io.gyre.runtime.Gyre;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HandlerFailureTest {
    static final CountDownLatch sleeping = new CountDownLatch(1);
    static final CountDownLatch cancelled = new CountDownLatch(1);
    static final CountDownLatch holding = new CountDownLatch(1);
    static final CountDownLatch closeFailed = new CountDownLatch(1);
    static final List<LogRecord> records = new CopyOnWriteArrayList<>();
    static final CountDownLatch hangCloseLogged = new CountDownLatch(1);
    static final List<String> logged = new CopyOnWriteArrayList<>();
    static final List<String> warnings = new CopyOnWriteArrayList<>();
    static final Logger serverLog = Logger.getLogger("io.gyre.server");
    static final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            logged.add(r.getMessage());
            records.add(r);
            if (r.getMessage().contains("/hang-close")) {
                hangCloseLogged.countDown();
            }
            if (r.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()) {
                warnings.add(r.getMessage());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    static TestServer server;

    @BeforeAll
    static void start() {
        serverLog.setUseParentHandlers(false); // expected failures: no stack traces on the console
        serverLog.addHandler(capture);
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

    @AfterAll
    static void stop() {
        server.close();
        serverLog.removeHandler(capture);
        serverLog.setUseParentHandlers(true);
        serverLog.setLevel(null); // inherit from io.gyre again, as before the test
    }

    @Test
    void failureBeforeTheResponseIs500AndCloseAndIsLoggedWithTheRequestLine() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            RawClient.Reply r = c.send("GET /boom HTTP/1.1\r\nHost: x\r\n\r\n").read();
            assertThat(r.status()).isEqualTo(500);
            assertThat(r.header("Connection")).isEqualTo("close");
            assertThat(c.closedByServer()).isTrue();
        }
        assertThat(logged).anyMatch(m -> m.contains("GET /boom HTTP/1.1") && m.contains("500"));
    }

    @Test
    void failureAfterTheResponseStartedCutsTheConnection() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            c.send("GET /late-boom HTTP/1.1\r\nHost: x\r\n\r\n");
            byte[] all = c.socket().getInputStream().readAllBytes();
            String text = new String(all);
            assertThat(text).contains("partial").doesNotEndWith("0\r\n\r\n");
        }
        assertThat(logged).anyMatch(m -> m.contains("GET /late-boom HTTP/1.1") && m.contains("closing the connection"));
    }

    @Test
    void anAbortedResponseCutsTheConnectionWithoutAWarning() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            c.send("GET /reported HTTP/1.1\r\nHost: x\r\n\r\n");
            String text = new String(c.socket().getInputStream().readAllBytes());
            assertThat(text).contains("partial").doesNotEndWith("0\r\n\r\n");
        }
        assertThat(warnings).noneMatch(m -> m.contains("/reported"));
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
        assertThat(hangCloseLogged.await(5, TimeUnit.SECONDS)).as("a record for /hang-close").isTrue();
        LogRecord r = records.stream().filter(x -> x.getMessage().contains("/hang-close")).findFirst().orElseThrow();
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
