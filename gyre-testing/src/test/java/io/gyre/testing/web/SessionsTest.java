package io.gyre.testing.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import io.gyre.testing.TestClient;
import io.gyre.testing.TestResponse;
import io.gyre.web.Get;
import io.gyre.web.HttpException;
import io.gyre.web.Post;
import io.gyre.web.Routes;
import io.gyre.web.Session;
import io.gyre.web.Sessions;
import io.gyre.web.WebApp;
import io.gyre.web.openapi.OpenApi;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A login flow on the signed-cookie session: set, read, refreshed, rotated, cleared. */
class SessionsTest {
    static final String KEY = "test-key-0123456789-0123456789-0123456789";
    static final String NEW_KEY = "next-key-0123456789-0123456789-0123456789";

    /** A record kept in the session. */
    public record Cart(List<String> items) {
    }

    @Routes
    public static final class Login {
        @Post("/login")
        public String login(String user, Session session) {
            session.put("user", user);
            return "hi " + user;
        }

        @Get("/me")
        public String me(Session session) {
            return session.get("user", String.class).orElse("anonymous");
        }

        @Post("/logout")
        public String logout(Session session) {
            session.clear();
            return "bye";
        }

        @Post("/cart")
        public Cart add(String item, Session session) {
            List<String> items = new ArrayList<>(session.get("cart", Cart.class).map(Cart::items).orElse(List.of()));
            items.add(item);
            session.put("cart", new Cart(items));
            session.put("seen", session.get("seen", new TypeReference<List<Integer>>() { }).map(s -> s.size() + 1)
                    .map(n -> java.util.Collections.nCopies(n, n)).orElse(List.of(1)));
            return new Cart(items);
        }

        @Get("/keys")
        public String keys(Session session) {
            return session.keys() + " " + session.isEmpty() + " " + session.contains("user");
        }

        @Post("/forget")
        public String forget(String key, Session session) {
            return Boolean.toString(session.remove(key));
        }

        @Post("/fail")
        public String fail(Session session) {
            session.put("flash", "failed");
            throw new HttpException(400, "no");
        }
    }

    /** The user a provider finds from the session. */
    public record CurrentUser(String name) {
    }

    @Routes
    public static final class Account {
        @Get("/account")
        public String account(CurrentUser user) {
            return "account of " + user.name();
        }
    }

    static WebApp app(Sessions sessions) {
        return WebApp.builder("Login demo", "1").middleware(sessions).routes(Login.class, Account.class)
                .dependency(CurrentUser.class, scope -> new CurrentUser(scope.get(Session.class).get("user", String.class)
                        .orElseThrow(() -> new HttpException(401, "Not logged in"))))
                .build();
    }

    static WebApp app() {
        return app(Sessions.builder(KEY).build());
    }

    private static String setCookie(TestResponse response) {
        return response.header("Set-Cookie").orElseThrow(() -> new AssertionError("no Set-Cookie in " + response));
    }

    @Test
    void loginSetsTheCookieTheNextRequestReadsItAndLogoutDeletesIt() {
        try (TestClient client = TestClient.open(app())) {
            client.get("/me").send().assertText("anonymous").assertNoHeader("Set-Cookie");
            TestResponse login = client.post("/login?user=ann").send().assertText("hi ann");
            assertThat(setCookie(login)).matches("session=[A-Za-z0-9_-]+\\.\\d+\\.[A-Za-z0-9_-]{43}; Max-Age=1209600;"
                    + " Expires=\\w{3}, \\d{2} \\w{3} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT; Path=/; HttpOnly; SameSite=Lax");
            client.get("/me").send().assertText("ann").assertNoHeader("Set-Cookie");
            client.get("/account").send().assertText("account of ann");
            TestResponse logout = client.post("/logout").send().assertText("bye");
            assertThat(setCookie(logout)).isEqualTo("session=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/;"
                    + " HttpOnly; SameSite=Lax");
            assertThat(client.cookies()).doesNotContainKey("session");
            client.get("/me").send().assertText("anonymous");
            client.get("/account").send().assertStatus(401);
            client.post("/logout").send().assertNoHeader("Set-Cookie"); // nothing to delete
        }
    }

    @Test
    void theCookieIsSetOnlyWhenTheSessionChanged() {
        try (TestClient client = TestClient.open(app())) {
            client.post("/login?user=ann").send();
            client.post("/login?user=ann").send().assertNoHeader("Set-Cookie"); // the same value
            setCookie(client.post("/login?user=bob").send());
            client.post("/forget?key=nothing").send().assertText("false").assertNoHeader("Set-Cookie");
            client.post("/cart?item=pen").send();
            setCookie(client.post("/forget?key=cart").send().assertText("true"));
            client.get("/keys").send().assertText("[user, seen] false true");
        }
    }

    @Test
    void recordsAndGenericValuesComeBackAsTheirTypes() {
        try (TestClient client = TestClient.open(app())) {
            client.post("/cart?item=pen").send().assertJson("/items/0", "pen");
            client.post("/cart?item=ink").send().assertJson("/items/1", "ink");
            client.post("/cart?item=cap").send().assertJson("/items", List.of("pen", "ink", "cap"));
            client.get("/keys").send().assertText("[cart, seen] false false");
        }
    }

    @Test
    void changesMadeBeforeAnErrorResponseAreKept() {
        try (TestClient client = TestClient.open(app())) {
            setCookie(client.post("/fail").send().assertStatus(400));
            client.get("/keys").send().assertText("[flash] false false");
        }
    }

    @Test
    void anUnchangedSessionIsSignedAgainOnceItsCookieIsOlderThanRefreshAfter() {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2030-01-01T00:00:00Z"));
        InstantSource clock = now::get;
        Sessions sessions = Sessions.builder(KEY).clock(clock).maxAge(Duration.ofDays(2))
                .refreshAfter(Duration.ofHours(1)).build();
        try (TestClient client = TestClient.open(app(sessions))) {
            client.post("/login?user=ann").send();
            now.set(now.get().plus(Duration.ofMinutes(59)));
            client.get("/me").send().assertText("ann").assertNoHeader("Set-Cookie");
            now.set(now.get().plus(Duration.ofMinutes(1)));
            assertThat(setCookie(client.get("/me").send().assertText("ann"))).contains("Expires=Thu, 03 Jan 2030 01:00:00 GMT");
            client.get("/me").send().assertNoHeader("Set-Cookie");
            now.set(now.get().plus(Duration.ofDays(2))); // the refreshed cookie's max age, to the second
            client.get("/me").send().assertText("ann");
            now.set(now.get().plus(Duration.ofDays(2).plusSeconds(1)));
            client.get("/me").send().assertText("anonymous").assertNoHeader("Set-Cookie");
        }
    }

    @Test
    void aCookieSignedWithAPreviousKeyIsReadAndSignedAgainWithTheCurrentKey() {
        String old;
        try (TestClient client = TestClient.open(app())) {
            old = setCookie(client.post("/login?user=ann").send()).split(";")[0].substring("session=".length());
        }
        String renewed;
        try (TestClient client = TestClient.open(app(Sessions.builder(NEW_KEY).previousKeys(KEY).build()))) {
            TestResponse response = client.get("/me").cookie("session", old).send().assertText("ann");
            renewed = setCookie(response).split(";")[0].substring("session=".length());
            client.get("/me").send().assertText("ann").assertNoHeader("Set-Cookie");
        }
        assertThat(renewed).isNotEqualTo(old);
        try (TestClient client = TestClient.open(app(Sessions.builder(NEW_KEY).build()))) {
            client.get("/me").cookie("session", renewed).send().assertText("ann");
            client.get("/me").cookie("session", old).send().assertText("anonymous");
        }
    }

    @Test
    void theCookieCarriesTheConfiguredAttributes() {
        Sessions sessions = Sessions.builder(KEY).cookieName("sid").path("/app").domain("example.com")
                .sameSite("strict").httpsOnly(true).maxAge(Duration.ofHours(2)).build();
        try (TestClient client = TestClient.builder(app(sessions)).baseUrl("https://example.com").open()) {
            assertThat(setCookie(client.post("/login?user=ann").send())).startsWith("sid=")
                    .endsWith("; Path=/app; Domain=example.com; HttpOnly; Secure; SameSite=Strict")
                    .contains("; Max-Age=7200; Expires=");
            client.get("/me").send().assertText("ann");
        }
    }

    @Test
    void aMountedAppWithItsOwnSessionsSharesTheCookieWithTheOuterApp() {
        WebApp inner = WebApp.builder("Inner", "1").middleware(Sessions.builder(KEY).build()).routes(Login.class).build();
        WebApp outer = WebApp.builder("Outer", "1").middleware(Sessions.builder(KEY).build()).mount("/admin", inner)
                .routes(Login.class).build();
        try (TestClient client = TestClient.open(outer)) {
            assertThat(setCookie(client.post("/admin/login?user=ann").send().assertText("hi ann"))).contains("; Path=/;");
            client.get("/me").send().assertText("ann");
            client.get("/admin/me").send().assertText("ann").assertNoHeader("Set-Cookie");
            client.post("/login?user=bob").send();
            client.get("/admin/me").send().assertText("bob");
            setCookie(client.post("/admin/logout").send());
            client.get("/me").send().assertText("anonymous");
        }
    }

    @Test
    void theSessionIsNotPartOfTheOpenApiDocument() {
        String document = OpenApi.json(app());
        assertThat(document).doesNotContainIgnoringCase("session").doesNotContain("securitySchemes");
    }
}
