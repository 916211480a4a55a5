package io.gyre.testing.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.gyre.testing.TestClient;
import io.gyre.testing.TestResponse;
import io.gyre.web.Get;
import io.gyre.web.Routes;
import io.gyre.web.Session;
import io.gyre.web.Sessions;
import io.gyre.web.WebApp;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Requests of one client at once: each has its own session, and an unchanged one sends no cookie. */
class SessionConcurrencyTest {
    @Routes
    public static final class Slow {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Get("/slow")
        public String slow(Session session) throws InterruptedException {
            String user = session.get("user", String.class).orElse("anonymous");
            entered.countDown();
            release.await(10, TimeUnit.SECONDS);
            return user;
        }
    }

    @Test
    void aSlowRequestThatBeganBeforeALogoutDoesNotPutTheSessionBack() throws Exception {
        Slow slow = new Slow();
        WebApp app = WebApp.builder("Races", "1").middleware(Sessions.builder(SessionsTest.KEY).build())
                .routes(SessionsTest.Login.class).routeObjects(slow).build();
        try (TestClient client = TestClient.open(app);
                ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            client.post("/login?user=ann").send();
            CompletableFuture<TestResponse> pending = CompletableFuture.supplyAsync(() -> client.get("/slow").send(),
                    threads);
            assertThat(slow.entered.await(10, TimeUnit.SECONDS)).isTrue();
            client.post("/logout").send().assertText("bye");
            slow.release.countDown();
            pending.get(10, TimeUnit.SECONDS).assertText("ann").assertNoHeader("Set-Cookie");
            assertThat(client.cookies()).doesNotContainKey("session");
            client.get("/me").send().assertText("anonymous");
        }
    }

    @Test
    void concurrentLoginsEachGetTheirOwnSession() throws Exception {
        WebApp app = SessionsTest.app();
        try (TestClient client = TestClient.open(app);
                ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<String>> cookies = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String user = "u" + i;
                cookies.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    return client.post("/login?user=" + user).header("Cookie", "x=1").send().header("Set-Cookie")
                            .orElseThrow().split(";")[0];
                }, threads));
            }
            start.countDown();
            for (int i = 0; i < 16; i++) {
                String cookie = cookies.get(i).get(10, TimeUnit.SECONDS);
                client.get("/me").header("Cookie", cookie).send().assertText("u" + i);
            }
        }
    }
}
