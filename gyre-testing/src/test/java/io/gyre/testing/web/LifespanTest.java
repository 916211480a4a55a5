package io.gyre.testing.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gyre.runtime.CancelledException;
import io.gyre.testing.TestClient;
import io.gyre.web.Get;
import io.gyre.web.Routes;
import io.gyre.web.WebApp;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class LifespanTest {
    @Routes
    public static final class Ping {
        @Get("/ping")
        public String ping() {
            return "pong";
        }
    }

    final List<String> log = new CopyOnWriteArrayList<>();

    AutoCloseable resource(String name) {
        log.add("open " + name);
        return () -> log.add("close " + name);
    }

    @Test
    void resourcesCloseInReverseOrderAfterBackgroundWorkEnded() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        WebApp app = WebApp.builder("Life", "1")
                .lifespan(life -> {
                    life.resource(resource("db"));
                    life.resource(resource("cache"));
                    life.background("ticker", () -> {
                        running.countDown();
                        try {
                            new CountDownLatch(1).await();
                        } catch (InterruptedException e) {
                            log.add("ticker cancelled");
                            throw new CancelledException("stopped");
                        }
                    });
                })
                .routes(Ping.class).build();
        try (TestClient client = TestClient.open(app)) {
            running.await();
            client.get("/ping").send().assertText("pong");
            assertThat(log).containsExactly("open db", "open cache");
        }
        assertThat(log).containsExactly("open db", "open cache", "ticker cancelled", "close cache", "close db");
    }

    @Test
    void startupFailureClosesWhatWasOpenedAndAbortsTheStart() {
        WebApp app = WebApp.builder("Broken", "1")
                .lifespan(life -> {
                    life.resource(resource("db"));
                    throw new IllegalStateException("config missing");
                })
                .routes(Ping.class).build();
        assertThatThrownBy(() -> TestClient.open(app))
                .hasMessageContaining("App 'Broken' failed to start")
                .hasRootCauseMessage("config missing");
        assertThat(log).containsExactly("open db", "close db");
    }

    @Test
    void aStartupFailureNamesTheLifespanFunctionThatThrew() {
        WebApp app = WebApp.builder("Shop", "1")
                .lifespan(life -> life.resource(resource("db")))
                .lifespan(life -> {
                    life.resource(resource("cache"));
                    throw new IllegalStateException("CACHE_URL is not set");
                })
                .routes(Ping.class).build();
        assertThatThrownBy(() -> TestClient.open(app))
                .hasMessageContaining("App 'Shop' failed to start in its lifespan function #2 of 2")
                .hasMessageContaining("IllegalStateException: CACHE_URL is not set");
        assertThat(log).containsExactly("open db", "open cache", "close cache", "close db");
    }

    @Test
    void failingBackgroundTaskDoesNotStopTheApp() throws Exception {
        CountDownLatch failed = new CountDownLatch(1);
        WebApp app = WebApp.builder("Bg", "1")
                .lifespan(life -> life.background("flaky", () -> {
                    failed.countDown();
                    throw new IllegalStateException("flaky failed");
                }))
                .routes(Ping.class).build();
        try (TestClient client = TestClient.open(app)) {
            failed.await();
            client.get("/ping").send().assertStatus(200);
        }
    }

    @Test
    void missingConstructorDependencyFailsTheStartWithTheFix() {
        WebApp app = WebApp.builder("Missing", "1").routes(DependenciesTest.Deps.class).build();
        assertThatThrownBy(() -> TestClient.open(app))
                .rootCause().hasMessageContaining("life.provide(Store.class, value)");
    }

    @Test
    void theAppRunsOnlyBetweenOpenAndClose() {
        WebApp app = WebApp.builder("Cold", "1").routes(Ping.class).build();
        assertThat(app.isRunning()).isFalse();
        try (TestClient client = TestClient.open(app)) {
            assertThat(client.app().isRunning()).isTrue();
        }
        assertThat(app.isRunning()).isFalse();
    }

    @Test
    void anAppStartsOnlyOnce() {
        WebApp app = WebApp.builder("Once", "1").routes(Ping.class).build();
        try (TestClient client = TestClient.open(app)) {
            client.get("/ping").send().assertStatus(200);
            assertThatThrownBy(() -> TestClient.open(app)).hasMessageContaining("cannot start: it is RUNNING");
        }
    }
}
