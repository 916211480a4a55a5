package io.gyre.testing.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gyre.server.Headers;
import io.gyre.testing.LiveServer;
import io.gyre.testing.TestClient;
import io.gyre.web.Body;
import io.gyre.web.Form;
import io.gyre.web.Get;
import io.gyre.web.HttpException;
import io.gyre.web.Post;
import io.gyre.web.Provider;
import io.gyre.web.RequestScope;
import io.gyre.web.Routes;
import io.gyre.web.Security;
import io.gyre.web.SecurityScheme;
import io.gyre.web.WebApp;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Dependency graphs written as in FastAPI, with the order in which their values are created
 * and cleaned up compared with what FastAPI does for the same graph.
 */
class DependencyGraphsTest {
    /** Shared by {@link Left} and {@link Right}. */
    public static final class Shared {
    }

    /** Asks for {@link Shared}. */
    public record Left(Shared shared) {
    }

    /** Asks for {@link Shared} too. */
    public record Right(Shared shared) {
    }

    /** Three nested dependencies with cleanup: {@code Outer <- Middle <- Inner}. */
    public static final class Outer {
    }

    /** Asks for {@link Outer}. */
    public static final class Middle {
    }

    /** Asks for {@link Middle}. */
    public static final class Inner {
    }

    /** A dependency that reads the body itself. */
    public record Signature(String text) {
    }

    /** The route's own body. */
    public record Order(String item) {
    }

    final List<String> log = new CopyOnWriteArrayList<>();

    @Routes
    public static final class Diamond {
        @Get("/diamond")
        public String diamond(Left left, Right right) {
            return String.valueOf(left.shared() == right.shared());
        }
    }

    @Routes
    public final class Nested {
        @Get("/nested")
        public String nested(Inner inner) {
            log.add("handler");
            return "ok";
        }

        @Get("/nested-fails")
        public String nestedFails(Inner inner) {
            throw new HttpException(409, "conflict");
        }
    }

    @Routes
    public static final class Signed {
        @Post("/signed")
        public String signed(Signature signature, @Body Order order) {
            return signature.text() + " | " + order.item();
        }
    }

    /** A dependency with a cleanup that logs; the cleanup reports the request's failure, if any. */
    private Provider<Object> logged(String name, Class<?> inner) {
        return scope -> {
            if (inner != null) {
                scope.get(inner);
            }
            log.add("open " + name);
            scope.onClose(() -> log.add("close " + name
                    + scope.failure().map(f -> " after " + f.getClass().getSimpleName()).orElse("")));
            return new Object();
        };
    }

    WebApp.Builder app() {
        return WebApp.builder("Graphs", "1")
                .dependency(Shared.class, scope -> {
                    log.add("shared");
                    return new Shared();
                })
                .dependency(Left.class, scope -> new Left(scope.get(Shared.class)))
                .dependency(Right.class, scope -> new Right(scope.get(Shared.class)))
                .dependency(Outer.class, cast(logged("outer", null), Outer.class))
                .dependency(Middle.class, cast(logged("middle", Outer.class), Middle.class))
                .dependency(Inner.class, cast(logged("inner", Middle.class), Inner.class))
                .dependency(Signature.class, scope -> new Signature(
                        new String(scope.request().bodyBytes(), StandardCharsets.UTF_8)))
                .routes(Diamond.class, Signed.class).routeObjects(new Nested());
    }

    /** Adapts a logging provider to a type, creating an instance of it. */
    private static <T> Provider<T> cast(Provider<Object> logging, Class<T> type) {
        return scope -> {
            logging.provide(scope);
            return type.getDeclaredConstructor().newInstance();
        };
    }

    @Test
    void aSubDependencySharedByTwoDependenciesIsCreatedOncePerRequest() {
        try (TestClient client = TestClient.open(app().build())) {
            client.get("/diamond").send().assertText("true");
            client.get("/diamond").send().assertText("true");
        }
        assertThat(log).containsExactly("shared", "shared");
    }

    @Test
    void nestedCleanupRunsInReverseOrderOfCreation() {
        try (TestClient client = TestClient.open(app().build())) {
            client.get("/nested").send().assertText("ok");
        }
        assertThat(log).containsExactly("open outer", "open middle", "open inner", "handler",
                "close inner", "close middle", "close outer");
    }

    @Test
    void nestedCleanupRunsInReverseOrderAndSeesTheHandlersFailure() {
        try (TestClient client = TestClient.open(app().build())) {
            client.get("/nested-fails").send().assertStatus(409).assertJson("/detail", "conflict");
        }
        assertThat(log).containsExactly("open outer", "open middle", "open inner",
                "close inner after HttpException", "close middle after HttpException", "close outer after HttpException");
    }

    @Test
    void whenALaterDependencyFailsToBeCreatedOnlyTheCreatedOnesAreCleanedUp() {
        WebApp app = WebApp.builder("Graphs", "1")
                .dependency(Outer.class, cast(logged("outer", null), Outer.class))
                .dependency(Middle.class, cast(logged("middle", Outer.class), Middle.class))
                .dependency(Inner.class, scope -> {
                    scope.get(Middle.class);
                    log.add("inner fails");
                    throw new HttpException(503, "inner unavailable");
                })
                .routeObjects(new Nested()).build();
        try (TestClient client = TestClient.open(app)) {
            client.get("/nested").send().assertStatus(503).assertJson("/detail", "inner unavailable");
        }
        assertThat(log).containsExactly("open outer", "open middle", "inner fails",
                "close middle after HttpException", "close outer after HttpException");
    }

    @Test
    void aFailingCleanupInTheMiddleIsLoggedAndTheOthersStillRunOnce() {
        WebApp app = WebApp.builder("Graphs", "1")
                .dependency(Outer.class, cast(logged("outer", null), Outer.class))
                .dependency(Middle.class, scope -> {
                    scope.get(Outer.class);
                    scope.onClose(() -> {
                        log.add("close middle fails");
                        throw new IllegalStateException("middle cannot close");
                    });
                    return new Middle();
                })
                .dependency(Inner.class, cast(logged("inner", Middle.class), Inner.class))
                .routeObjects(new Nested()).build();
        try (LogCapture capture = LogCapture.start(); TestClient client = TestClient.open(app)) {
            client.get("/nested").send().assertStatus(200).assertText("ok");
            assertThat(capture.problems()).singleElement().satisfies(e -> {
                assertThat(e.level()).isEqualTo("ERROR");
                assertThat(e.message()).contains("GET /nested").contains("DependencyGraphsTest$Middle");
                assertThat(e.thrown()).contains("middle cannot close");
            });
        }
        assertThat(log).containsExactly("open outer", "open inner", "handler", "close inner", "close middle fails",
                "close outer");
    }

    @Test
    void aDependencyThatReadsTheBodyLeavesItToTheRoutesBodyParameter() {
        try (TestClient client = TestClient.open(app().build())) {
            client.post("/signed").json(Map.of("item", "pen")).send().assertStatus(200)
                    .assertText("{\"item\":\"pen\"} | pen");
        }
    }

    @Test
    void aDependencyThatReadsTheBodyLeavesItToTheRouteOnARealServer() {
        try (LogCapture capture = LogCapture.start(); LiveServer server = LiveServer.start(app().build())) {
            server.post("/signed").json(Map.of("item", "pen")).send().assertStatus(200)
                    .assertText("{\"item\":\"pen\"} | pen");
            assertThat(capture.problems()).isEmpty();
        }
    }

    @Routes
    public static final class SignedForm {
        @Post("/signed-form")
        public String signed(Signature signature, @Form String item) {
            return signature.text() + " | " + item;
        }
    }

    @Test
    void aDependencyThatReadsTheBodyLeavesItToTheRoutesFormFieldsOnARealServer() {
        WebApp app = WebApp.builder("Signed", "1")
                .dependency(Signature.class, scope -> new Signature(
                        new String(scope.request().bodyBytes(), StandardCharsets.UTF_8)))
                .routes(SignedForm.class).build();
        try (LogCapture capture = LogCapture.start(); LiveServer server = LiveServer.start(app)) {
            server.post("/signed-form").form("item", "pen").send().assertStatus(200).assertText("item=pen | pen");
            assertThat(capture.problems()).isEmpty();
        }
    }

    /** Resolved for every route of {@link Ordered}. */
    public static final class Guard {
    }

    /** A dependency of one route. */
    public static final class PerRoute {
    }

    /** A second dependency of one route. */
    public static final class PerRouteToo {
    }

    @Routes(prefix = "/ordered", dependencies = Guard.class)
    public final class Ordered {
        @Get("")
        public String ordered(PerRoute first, PerRouteToo second) {
            log.add("handler");
            return "ok";
        }
    }

    WebApp ordered(Provider<Guard> guard) {
        return WebApp.builder("Ordered", "1")
                .dependency(Guard.class, guard)
                .dependency(PerRoute.class, scope -> {
                    log.add("per route");
                    return new PerRoute();
                })
                .dependency(PerRouteToo.class, scope -> {
                    log.add("per route too");
                    return new PerRouteToo();
                })
                .routeObjects(new Ordered()).build();
    }

    @Test
    void classDependenciesRunBeforeTheRoutesOwnInParameterOrder() {
        WebApp app = ordered(scope -> {
            log.add("class");
            return new Guard();
        });
        try (TestClient client = TestClient.open(app)) {
            client.get("/ordered").send().assertText("ok");
        }
        assertThat(log).containsExactly("class", "per route", "per route too", "handler");
    }

    /** Resolved for every route of the app. */
    public static final class AppWide {
    }

    @Test
    void appDependenciesRunFirstThenTheClassesThenTheRoutesOwn() {
        WebApp app = WebApp.builder("Ordered", "1")
                .dependency(AppWide.class, scope -> {
                    log.add("app");
                    return new AppWide();
                })
                .dependency(Guard.class, scope -> {
                    log.add("class");
                    return new Guard();
                })
                .dependency(PerRoute.class, scope -> {
                    log.add("per route");
                    return new PerRoute();
                })
                .dependency(PerRouteToo.class, scope -> {
                    log.add("per route too");
                    return new PerRouteToo();
                })
                .dependencies(AppWide.class)
                .routeObjects(new Ordered()).build();
        try (TestClient client = TestClient.open(app)) {
            client.get("/ordered").send().assertText("ok");
            client.get("/nowhere").send().assertStatus(404);
        }
        assertThat(log).containsExactly("app", "class", "per route", "per route too", "handler");
    }

    @Test
    void anAppDependencysUnauthorizedAnswerStopsEveryRoute() {
        WebApp app = WebApp.builder("Keyed", "1")
                .dependency(Security.ApiKey.class, Security.apiKeyHeader("X-API-Key"))
                .dependencies(Security.ApiKey.class)
                .routes(Diamond.class)
                .dependency(Shared.class, scope -> new Shared())
                .dependency(Left.class, scope -> new Left(scope.get(Shared.class)))
                .dependency(Right.class, scope -> new Right(scope.get(Shared.class)))
                .build();
        assertThat(app.routes()).singleElement()
                .satisfies(r -> assertThat(r.security()).extracting(SecurityScheme::id).containsExactly("apiKey_header_X-API-Key"));
        try (TestClient client = TestClient.open(app)) {
            client.get("/diamond").send().assertStatus(401).assertHeader("WWW-Authenticate", "APIKey");
            client.get("/diamond").header("X-API-Key", "k").send().assertText("true");
        }
    }

    @Test
    void anAppDependencyThatNothingProvidesFailsTheStart() {
        WebApp app = WebApp.builder("Keyed", "1").dependencies(Missing.class).routes(Repositories.class)
                .dependency(Connection.class, scope -> new Connection("real", log))
                .dependency(Repository.class, scope -> new Repository(scope.get(Connection.class)))
                .build();
        assertThatThrownBy(() -> TestClient.open(app).close())
                .hasMessageContaining("needs a " + Missing.class.getName() + ", but nothing provides it");
    }

    @Test
    void aClassDependencysUnauthorizedAnswerKeepsItsChallengeAndStopsTheRest() {
        WebApp app = ordered(scope -> {
            throw new HttpException(401, "Not authenticated", Headers.of("WWW-Authenticate", "Bearer"));
        });
        try (TestClient client = TestClient.open(app)) {
            client.get("/ordered").send().assertStatus(401).assertHeader("WWW-Authenticate", "Bearer")
                    .assertJson("/detail", "Not authenticated");
        }
        assertThat(log).isEmpty();
    }

    /** A value whose provider is replaced in a test. */
    public static final class Connection implements AutoCloseable {
        final String name;
        final List<String> log;

        Connection(String name, List<String> log) {
            this.name = name;
            this.log = log;
            log.add("open " + name);
        }

        @Override
        public void close() {
            log.add("close " + name);
        }
    }

    /** Built on {@link Connection}. */
    public record Repository(Connection connection) {
    }

    @Routes
    public static final class Repositories {
        @Get("/repository")
        public String repository(Repository repository) {
            return repository.connection().name;
        }
    }

    @Test
    void overridingASubDependencyWithCleanupClosesTheOverrideInsteadAndClearingRestoresTheOriginal() {
        WebApp app = WebApp.builder("Overrides", "1")
                .dependency(Connection.class, scope -> new Connection("real", log))
                .dependency(Repository.class, scope -> new Repository(scope.get(Connection.class)))
                .routes(Repositories.class).build();
        try (TestClient client = TestClient.open(app)) {
            app.overrideDependency(Connection.class, scope -> new Connection("fake", log));
            client.get("/repository").send().assertText("fake");
            app.clearOverrides();
            client.get("/repository").send().assertText("real");
        }
        assertThat(log).containsExactly("open fake", "close fake", "open real", "close real");
    }

    /** Parameters the scope hands to providers: the request and the scope itself. */
    @Test
    void aProviderMayAskForTheRequestAndTheScope() {
        WebApp app = WebApp.builder("Scope", "1")
                .dependency(Shared.class, scope -> {
                    assertThat(scope.get(RequestScope.class)).isSameAs(scope);
                    log.add(scope.get(io.gyre.web.WebRequest.class).path());
                    return new Shared();
                })
                .dependency(Left.class, scope -> new Left(scope.get(Shared.class)))
                .dependency(Right.class, scope -> new Right(scope.get(Shared.class)))
                .routes(Diamond.class).build();
        try (TestClient client = TestClient.open(app)) {
            client.get("/diamond").send().assertText("true");
        }
        assertThat(log).containsExactly("/diamond");
    }

    /** Nothing provides it. */
    public static final class Missing {
    }

    /** An app whose route asks for Inner; Inner asks for Middle, Middle for Outer, Outer for {@code outerAsks}. */
    private WebApp chain(Class<?> outerAsks) {
        return WebApp.builder("Graphs", "1")
                .dependency(Outer.class, scope -> {
                    scope.get(outerAsks);
                    return new Outer();
                })
                .dependency(Middle.class, scope -> {
                    scope.get(Outer.class);
                    return new Middle();
                })
                .dependency(Inner.class, scope -> {
                    scope.get(Middle.class);
                    return new Inner();
                })
                .routeObjects(new Nested()).build();
    }

    @Test
    void aMissingSubDependencyNamesTheChainThatAskedForIt() {
        try (TestClient client = TestClient.builder(chain(Missing.class)).raiseServerExceptions(true).open()) {
            assertThatThrownBy(() -> client.get("/nested").send())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Nothing provides " + Missing.class.getName() + " for GET /nested")
                    .hasMessageContaining("asked for by Inner -> Middle -> Outer");
        }
    }

    @Test
    void aCycleNamesEveryDependencyInIt() {
        try (TestClient client = TestClient.builder(chain(Inner.class)).raiseServerExceptions(true).open()) {
            assertThatThrownBy(() -> client.get("/nested").send())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Dependency cycle for GET /nested: Inner -> Middle -> Outer -> Inner");
        }
    }
}
