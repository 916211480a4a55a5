package io.gyre.testing.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.gyre.runtime.RunnerConfig;
import io.gyre.server.BackgroundServer;
import io.gyre.server.HttpServer;
import io.gyre.testing.TestClient;
import io.gyre.web.BackgroundTasks;
import io.gyre.web.Get;
import io.gyre.web.HttpException;
import io.gyre.web.RequestScope;
import io.gyre.web.Routes;
import io.gyre.web.WebApp;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** When a dependency's cleanup runs, what it sees, and what its failure does. */
class DependencyCleanupTest {
    /** A unit of work: committed when the request succeeded, rolled back when it failed. */
    public static final class Tx {
    }

    /** A dependency whose cleanup fails. */
    public static final class Leaky implements AutoCloseable {
        @Override
        public void close() {
            throw new IllegalStateException("connection already closed");
        }
    }

    /** A dependency whose cleanup waits for the test. */
    public static final class Held {
    }

    /** A dependency whose creation waits (for a pool, say) until cancelled. */
    public static final class Slow {
    }

    final List<String> log = new CopyOnWriteArrayList<>();
    final CountDownLatch handlerStarted = new CountDownLatch(1);
    final CountDownLatch cleanedUp = new CountDownLatch(1);
    final CountDownLatch responseSeen = new CountDownLatch(1);

    @Routes
    public final class Work {
        @Get("/ok")
        public String ok(Tx tx, BackgroundTasks after) {
            after.add("audit", () -> log.add("background"));
            log.add("handler");
            return "done";
        }

        @Get("/conflict")
        public String conflict(Tx tx) {
            throw new HttpException(409, "Already done");
        }

        @Get("/leaky")
        public String leaky(Leaky leaky) {
            return "sent";
        }

        @Get("/held")
        public String held(Held held) {
            return "held";
        }

        @Get("/slow")
        public String slow(Tx tx, Slow slow) {
            return "never";
        }

        @Get("/hang")
        public String hang(Tx tx) throws InterruptedException {
            handlerStarted.countDown();
            new CountDownLatch(1).await(); // ended by cancellation only
            return "never";
        }
    }

    Tx tx(RequestScope scope) {
        log.add("begin");
        scope.onClose(() -> {
            log.add(scope.failure().map(f -> "rollback: " + f.getClass().getSimpleName()).orElse("commit"));
            cleanedUp.countDown();
        });
        return new Tx();
    }

    WebApp app() {
        return WebApp.builder("Cleanup", "1")
                .dependency(Tx.class, this::tx)
                .dependency(Leaky.class, scope -> new Leaky())
                .dependency(Held.class, scope -> {
                    scope.onClose(() -> {
                        log.add("cleanup waits for the client");
                        assertThat(responseSeen.await(10, TimeUnit.SECONDS)).isTrue();
                        log.add("cleanup done");
                    });
                    return new Held();
                })
                .dependency(Slow.class, scope -> {
                    handlerStarted.countDown();
                    new CountDownLatch(1).await(); // ended by cancellation only
                    return new Slow();
                })
                .routeObjects(new Work()).build();
    }

    BackgroundServer serve(WebApp app) {
        return app.server().host("127.0.0.1").port(0).configure(c -> c.gracefulTimeout(Duration.ofMillis(100))).build()
                .runInBackground(RunnerConfig.builder().name("cleanup-test").handleSignals(false).build());
    }

    @Test
    void cleanupSeesThatTheRequestSucceededAndRunsBeforeTheBackgroundTasks() {
        try (TestClient client = TestClient.open(app())) {
            client.get("/ok").send().assertText("done");
        }
        assertThat(log).containsExactly("begin", "handler", "commit", "background");
    }

    @Test
    void cleanupSeesTheHandlersFailure() {
        try (TestClient client = TestClient.open(app())) {
            client.get("/conflict").send().assertStatus(409);
        }
        assertThat(log).containsExactly("begin", "rollback: HttpException");
    }

    @Test
    void aFailingCleanupIsLoggedWithItsDependencyAndTheResponseStands() {
        try (LogCapture capture = LogCapture.start(); TestClient client = TestClient.open(app())) {
            client.get("/leaky").send().assertStatus(200).assertText("sent");
            assertThat(capture.problems()).singleElement().satisfies(e -> {
                assertThat(e.level()).isEqualTo("ERROR");
                assertThat(e.message()).contains("DependencyCleanupTest$Leaky").contains("GET /leaky");
                assertThat(e.thrown()).contains("connection already closed");
            });
        }
    }

    @Test
    void cleanupRunsAfterTheResponseWasSent() throws Exception {
        try (LogCapture capture = LogCapture.start(); BackgroundServer server = serve(app());
                Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.getOutputStream().write("GET /held HTTP/1.1\r\nHost: t\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String response = readUntil(socket.getInputStream(), "held");
            // the response is here while the cleanup cannot finish before this line: it ran after the response
            assertThat(log).doesNotContain("cleanup done");
            responseSeen.countDown();
            assertThat(response).startsWith("HTTP/1.1 200");
            assertThat(capture.problems()).isEmpty();
        }
        assertThat(log).containsExactly("cleanup waits for the client", "cleanup done");
    }

    @Test
    void cleanupRunsWhenTheClientLeavesMidRequest() throws Exception {
        try (LogCapture capture = LogCapture.start(); BackgroundServer server = serve(app())) {
            try (Socket socket = new Socket("127.0.0.1", server.port())) {
                OutputStream out = socket.getOutputStream();
                out.write("GET /hang HTTP/1.1\r\nHost: t\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                assertThat(handlerStarted.await(10, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(cleanedUp.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(capture.entries()).noneSatisfy(e -> assertThat(e.level()).isEqualTo("ERROR"));
        }
        assertThat(log).containsExactly("begin", "rollback: CancelledException");
    }

    @Test
    void whenTheClientLeavesWhileADependencyIsCreatedTheOnesCreatedAreCleanedUpOnce() throws Exception {
        try (LogCapture capture = LogCapture.start(); BackgroundServer server = serve(app())) {
            try (Socket socket = new Socket("127.0.0.1", server.port())) {
                socket.getOutputStream().write("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                assertThat(handlerStarted.await(10, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(cleanedUp.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(capture.entries()).noneSatisfy(e -> assertThat(e.level()).isEqualTo("ERROR"));
        }
        // the server has stopped: nothing else can run the cleanup again
        assertThat(log).containsExactly("begin", "rollback: CancelledException");
    }

    @Test
    void cleanupRunsWhenShutdownCancelsTheRequestAndNothingIsLoggedAsAnError() throws Exception {
        try (LogCapture capture = LogCapture.start()) {
            BackgroundServer server = serve(app());
            try (Socket socket = new Socket("127.0.0.1", server.port())) {
                socket.getOutputStream().write("GET /hang HTTP/1.1\r\nHost: t\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                assertThat(handlerStarted.await(10, TimeUnit.SECONDS)).isTrue();
                assertThat(server.stop()).isEqualTo(HttpServer.EXIT_GRACEFUL_TIMEOUT);
            }
            assertThat(log).containsExactly("begin", "rollback: CancelledException");
            assertThat(capture.entries()).noneSatisfy(e -> assertThat(e.level()).isEqualTo("ERROR"));
        }
    }

    private static String readUntil(InputStream in, String marker) throws Exception {
        StringBuilder text = new StringBuilder();
        byte[] buffer = new byte[512];
        while (text.indexOf(marker) < 0) {
            int n = in.read(buffer);
            if (n < 0) {
                break;
            }
            text.append(new String(buffer, 0, n, StandardCharsets.US_ASCII));
        }
        return text.toString();
    }
}
