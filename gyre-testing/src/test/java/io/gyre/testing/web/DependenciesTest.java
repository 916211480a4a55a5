package io.gyre.testing.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.gyre.testing.TestClient;
import io.gyre.web.Get;
import io.gyre.web.HttpException;
import io.gyre.web.Routes;
import io.gyre.web.Security;
import io.gyre.web.WebApp;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DependenciesTest {
    /** A store provided by the lifespan and injected into the routes constructor. */
    public static final class Store {
        final String name;

        Store(String name) {
            this.name = name;
        }
    }

    /** A per-request session with teardown. */
    public static final class Session implements AutoCloseable {
        final List<String> log;
        final String id;

        Session(List<String> log, String id) {
            this.log = log;
            this.id = id;
            log.add("open " + id);
        }

        @Override
        public void close() {
            log.add("close " + id);
        }
    }

    /** Depends on the session; registers a cleanup callback. */
    public static final class Repo {
        final Session session;

        Repo(Session session) {
            this.session = session;
        }
    }

    @Routes(prefix = "/d")
    public static final class Deps {
        private final Store store;

        public Deps(Store store) {
            this.store = store;
        }

        @Get("/store")
        public String store() {
            return store.name;
        }

        @Get("/both")
        public String both(Session session, Repo repo) {
            return (session == repo.session) + ":" + session.id;
        }

        @Get("/fail")
        public String fail(Repo repo) {
            throw new IllegalStateException("handler failed");
        }

        @Get("/me")
        public String me(Security.BearerToken token) {
            return token.token();
        }

        @Get("/key")
        public String key(Security.ApiKey key) {
            return key.value();
        }

        @Get("/basic")
        public String basic(Security.BasicCredentials credentials) {
            return credentials.username();
        }
    }

    final List<String> log = new CopyOnWriteArrayList<>();
    final AtomicInteger sessions = new AtomicInteger();

    WebApp.Builder app() {
        return WebApp.builder("Deps", "1")
                .lifespan(life -> life.provide(Store.class, new Store("main")))
                .dependency(Session.class, scope -> new Session(log, "s" + sessions.incrementAndGet()))
                .dependency(Repo.class, scope -> {
                    Repo repo = new Repo(scope.get(Session.class));
                    scope.onClose(() -> log.add("repo cleanup"));
                    return repo;
                })
                .dependency(Security.BearerToken.class, Security.bearer())
                .dependency(Security.ApiKey.class, Security.apiKeyHeader("X-API-Key"))
                .dependency(Security.BasicCredentials.class, Security.basic("shop"))
                .routes(Deps.class);
    }

    @Test
    void routesConstructorReceivesWhatTheLifespanProvides() {
        try (TestClient client = TestClient.open(app().build())) {
            client.get("/d/store").send().assertText("main");
        }
    }

    @Test
    void aDependencyIsCreatedOncePerRequestAndTornDownInReverseOrder() {
        try (TestClient client = TestClient.open(app().build())) {
            client.get("/d/both").send().assertText("true:s1");
            assertThat(log).containsExactly("open s1", "repo cleanup", "close s1");
        }
    }

    @Test
    void teardownRunsWhenTheHandlerFailed() {
        try (TestClient client = TestClient.open(app().build())) {
            client.get("/d/fail").send().assertStatus(500);
            assertThat(log).containsExactly("open s1", "repo cleanup", "close s1");
        }
    }

    @Test
    void overridesReplaceProvidersAndLifespanValues() {
        try (TestClient client = TestClient.open(app().build())) {
            client.app().overrideDependency(Store.class, scope -> new Store("fake"));
            client.app().overrideDependency(Session.class, scope -> new Session(log, "fake"));
            client.get("/d/both").send().assertText("true:fake");
            client.app().clearOverrides();
            client.get("/d/both").send().assertText("true:s1");
        }
    }

    @Test
    void bearerTokenIsReadOrAnswered401() {
        try (TestClient client = TestClient.open(app().build())) {
            client.get("/d/me").header("Authorization", "Bearer abc").send().assertText("abc");
            client.get("/d/me").send().assertStatus(401).assertHeader("WWW-Authenticate", "Bearer")
                    .assertJson("/detail", "Not authenticated");
        }
    }

    @Test
    void apiKeyAndBasicCredentials() {
        try (TestClient client = TestClient.open(app().build())) {
            client.get("/d/key").header("X-API-Key", "k1").send().assertText("k1");
            client.get("/d/key").send().assertStatus(401);
            client.get("/d/basic").header("Authorization", "Basic YW5uOnB3").send().assertText("ann");
            client.get("/d/basic").send().assertStatus(401).assertHeader("WWW-Authenticate", "Basic realm=\"shop\"");
        }
    }

    @Test
    void securitySchemesAreRecordedOnRoutes() {
        WebApp app = app().build();
        var me = app.routes().stream().filter(r -> r.name().equals("me")).findFirst().orElseThrow();
        assertThat(me.security()).singleElement().satisfies(s -> assertThat(s.scheme()).isEqualTo("bearer"));
        assertThat(me.params()).isEmpty();
    }

    @Test
    void providerHttpExceptionBecomesTheResponse() {
        WebApp app = WebApp.builder("Deny", "1")
                .lifespan(life -> life.provide(Store.class, new Store("x")))
                .dependency(Session.class, scope -> {
                    throw new HttpException(403, "forbidden");
                })
                .dependency(Repo.class, scope -> new Repo(scope.get(Session.class)))
                .routes(Deps.class).build();
        try (TestClient client = TestClient.open(app)) {
            client.get("/d/both").send().assertStatus(403).assertJson("/detail", "forbidden");
        }
    }

    /** A guard resolved for every route of a class. */
    public static final class Guard {
    }

    @Routes(prefix = "/admin", dependencies = Guard.class)
    public static final class Admin {
        @Get("/stats")
        public String stats() {
            return "secret stats";
        }
    }

    @Test
    void classLevelDependenciesRunForEveryRoute() {
        WebApp app = WebApp.builder("Guarded", "1")
                .dependency(Guard.class, scope -> {
                    if (scope.request().header("X-Admin").isEmpty()) {
                        throw new HttpException(403, "admins only");
                    }
                    return new Guard();
                })
                .routes(Admin.class).build();
        try (TestClient client = TestClient.open(app)) {
            client.get("/admin/stats").send().assertStatus(403).assertJson("/detail", "admins only");
            client.get("/admin/stats").header("X-Admin", "1").send().assertStatus(200).assertText("secret stats");
        }
    }
}
