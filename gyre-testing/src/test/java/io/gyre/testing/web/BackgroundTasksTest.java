package io.gyre.testing.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.gyre.runtime.CancelledException;
import io.gyre.testing.TestClient;
import io.gyre.web.BackgroundTasks;
import io.gyre.web.HttpException;
import io.gyre.web.Post;
import io.gyre.web.Routes;
import io.gyre.web.WebApp;
import io.gyre.web.WebResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BackgroundTasksTest {
    static final List<String> LOG = new CopyOnWriteArrayList<>();
    static volatile CountDownLatch release = new CountDownLatch(0);
    static volatile CountDownLatch started = new CountDownLatch(0);

    @Routes
    public static final class Jobs {
        @Post(value = "/send", status = 202)
        public String send(BackgroundTasks after) {
            after.add("first", () -> LOG.add("first"));
            after.add("failing", () -> {
                throw new IllegalStateException("mail server down");
            });
            after.add("third", () -> LOG.add("third"));
            LOG.add("handler");
            return "queued";
        }

        @Post("/slow")
        public String slow(BackgroundTasks after) {
            after.add("slow", () -> {
                started.countDown();
                try {
                    release.await();
                    LOG.add("slow done");
                } catch (InterruptedException e) {
                    LOG.add("slow cancelled");
                    throw new CancelledException("shutdown");
                }
            });
            return "ok";
        }

        @Post("/interruptible")
        public String interruptible(BackgroundTasks after) {
            after.add("wait-for-mail", () -> {
                started.countDown();
                release.await(); // a plain JDK wait: cancellation arrives as InterruptedException
                LOG.add("mail sent");
            });
            after.add("archive", () -> LOG.add("archive"));
            return "ok";
        }

        @Post("/order")
        public String order(BackgroundTasks after) {
            after.add("mail", () -> LOG.add("mail"));
            throw new HttpException(409, "Already ordered");
        }

        @Post("/refuse")
        public WebResponse refuse(BackgroundTasks after) {
            after.add("audit", () -> LOG.add("audit"));
            return WebResponse.of(409).json(Map.of("detail", "Already ordered"));
        }

        @Post("/export")
        public WebResponse export(BackgroundTasks after) {
            after.add("mail", () -> LOG.add("mail"));
            return WebResponse.stream("text/csv", out -> {
                throw new IOException("export file unreadable");
            });
        }
    }

    @Test
    void tasksRunAfterTheResponseAndAFailureDoesNotStopTheLaterOnes() throws Exception {
        LOG.clear();
        try (TestClient client = TestClient.open(WebApp.builder("Jobs", "1").routes(Jobs.class).build())) {
            client.post("/send").send().assertStatus(202).assertText("queued");
        }
        assertThat(LOG).containsExactly("handler", "first", "third");
    }

    @Test
    void shutdownWaitsForRunningTasks() throws Exception {
        LOG.clear();
        started = new CountDownLatch(1);
        release = new CountDownLatch(1);
        TestClient client = TestClient.open(WebApp.builder("Drain", "1").routes(Jobs.class).build());
        client.post("/slow").send().assertStatus(200);
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(client.app().backgroundTasksRunning()).isEqualTo(1);
        Thread closer = Thread.ofVirtual().start(client::close);
        release.countDown();
        closer.join();
        assertThat(LOG).containsExactly("slow done");
    }

    @Test
    void shutdownCancelsTasksStillRunningAfterTheTimeout() throws Exception {
        LOG.clear();
        started = new CountDownLatch(1);
        release = new CountDownLatch(1);
        WebApp app = WebApp.builder("Cancel", "1").routes(Jobs.class).shutdownTimeout(Duration.ofMillis(50)).build();
        TestClient client = TestClient.open(app);
        client.post("/slow").send().assertStatus(200);
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        client.close();
        assertThat(LOG).containsExactly("slow cancelled");
    }

    @Test
    void cancellingAtShutdownStopsTheRequestsLaterTasksAndNamesThem() throws Exception {
        LOG.clear();
        started = new CountDownLatch(1);
        release = new CountDownLatch(1);
        WebApp app = WebApp.builder("Mail", "1").routes(Jobs.class).shutdownTimeout(Duration.ofMillis(50)).build();
        try (LogCapture log = LogCapture.start()) {
            TestClient client = TestClient.open(app);
            client.post("/interruptible").send().assertStatus(200);
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            client.close();
            assertThat(log.entries()).noneSatisfy(e -> assertThat(e.level()).isEqualTo("ERROR"));
            assertThat(log.problems()).anySatisfy(e -> assertThat(e.message())
                    .contains("'wait-for-mail'").contains("POST /interruptible").contains("cancelled")
                    .contains("'archive'").contains("did not run"));
        }
        assertThat(LOG).isEmpty();
    }

    @Test
    void tasksOfAHandlerThatThrewAreDropped() {
        LOG.clear();
        try (LogCapture log = LogCapture.start()) {
            try (TestClient client = TestClient.open(WebApp.builder("Orders", "1").routes(Jobs.class).build())) {
                client.post("/order").send().assertStatus(409).assertJson("/detail", "Already ordered");
            } // closing drains the background tasks
            assertThat(log.entries()).anySatisfy(e -> {
                assertThat(e.level()).isEqualTo("DEBUG");
                assertThat(e.message()).contains("1 background task").contains("POST /order").contains("409");
            });
        }
        assertThat(LOG).isEmpty();
    }

    @Test
    void tasksRunWhenTheHandlerReturnsAnErrorResponseItself() {
        LOG.clear();
        try (TestClient client = TestClient.open(WebApp.builder("Orders", "1").routes(Jobs.class).build())) {
            client.post("/refuse").send().assertStatus(409);
        }
        assertThat(LOG).containsExactly("audit");
    }

    @Test
    void tasksOfAResponseWhoseBodyFailedAreDropped() {
        LOG.clear();
        try (LogCapture log = LogCapture.start();
                TestClient client = TestClient.open(WebApp.builder("Export", "1").routes(Jobs.class).build())) {
            client.post("/export").send().assertStatus(500);
            assertThat(log.problems()).anySatisfy(e -> assertThat(e.thrown()).contains("export file unreadable"));
        }
        assertThat(LOG).isEmpty();
    }
}
