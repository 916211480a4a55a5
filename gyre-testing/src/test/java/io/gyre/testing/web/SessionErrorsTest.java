package io.gyre.testing.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gyre.server.WebSocketSession;
import io.gyre.testing.TestClient;
import io.gyre.web.Get;
import io.gyre.web.Post;
import io.gyre.web.Routes;
import io.gyre.web.Session;
import io.gyre.web.Sessions;
import io.gyre.web.WebApp;
import io.gyre.web.WebSocketRoute;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Bad cookies give an empty session; misuse fails early with the fix in the message. */
class SessionErrorsTest {
    /** A value whose getter fails, so the mapper cannot write it. */
    public static final class Broken {
        public String getName() {
            throw new IllegalStateException("no name yet");
        }
    }

    @Routes
    public static final class Puts {
        @Post("/big")
        public String big(int size, Session session) {
            try {
                session.put("blob", "x".repeat(size));
                return "stored";
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
        }

        @Post("/unwritable")
        public String unwritable(Session session) {
            try {
                session.put("thing", new Broken());
                return "stored";
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
        }

        @Get("/as-number")
        public String asNumber(Session session) {
            try {
                return String.valueOf(session.get("user", Integer.class));
            } catch (IllegalStateException e) {
                return e.getMessage();
            }
        }
    }

    @Routes
    public static final class Socket {
        @WebSocketRoute("/ws")
        public void ws(WebSocketSession socket, Session session) {
            socket.send("never");
        }
    }

    private static WebApp app(Sessions sessions) {
        return WebApp.builder("Errors", "1").middleware(sessions).routes(SessionsTest.Login.class, Puts.class).build();
    }

    @Test
    void tamperedMalformedAndForeignCookiesGiveAnEmptySessionLoggedAtDebugAndAreLeftAlone() {
        String foreign;
        try (TestClient other = TestClient.open(app(Sessions.builder("another-key-0123456789-0123456789").build()))) {
            foreign = other.post("/login?user=eve").send().header("Set-Cookie").orElseThrow().split(";")[0].substring(8);
        }
        try (LogCapture log = LogCapture.start();
                TestClient client = TestClient.open(app(Sessions.builder(SessionsTest.KEY).build()))) {
            String good = client.post("/login?user=ann").send().header("Set-Cookie").orElseThrow().split(";")[0]
                    .substring(8);
            String flipped = good.substring(0, 3) + (good.charAt(3) == 'A' ? 'B' : 'A') + good.substring(4);
            for (String bad : new String[] {foreign, flipped, "garbage", "a.b.c", "\"x\"", "é", good + "x"}) {
                client.get("/me").header("Cookie", "session=" + bad).send().assertStatus(200).assertText("anonymous")
                        .assertNoHeader("Set-Cookie");
            }
            assertThat(log.problems()).isEmpty();
            assertThat(log.entries()).filteredOn(e -> e.message().startsWith("Ignored the session cookie 'session' of"
                    + " GET /me")).hasSize(7).allMatch(e -> e.level().equals("DEBUG"))
                    .noneMatch(e -> e.message().contains(good) || e.message().contains(foreign));
            client.get("/me").send().assertText("ann");
        }
    }

    @Test
    void anExpiredCookieGivesAnEmptySession() {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2030-01-01T00:00:00Z"));
        Sessions sessions = Sessions.builder(SessionsTest.KEY).clock(now::get).maxAge(Duration.ofMinutes(30))
                .refreshAfter(Duration.ofDays(1)).build();
        try (TestClient client = TestClient.open(app(sessions))) {
            client.post("/login?user=ann").send();
            now.set(now.get().plus(Duration.ofMinutes(30)));
            client.get("/me").send().assertText("ann");
            now.set(now.get().plusSeconds(1));
            client.get("/me").send().assertText("anonymous");
        }
    }

    @Test
    void aSessionTooLargeForACookieIsRefusedWithItsSizeAndTheAdviceAndLeftAsItWas() {
        try (TestClient client = TestClient.open(app(Sessions.builder(SessionsTest.KEY).build()))) {
            client.post("/login?user=ann").send();
            client.post("/big?size=2900").send().assertText("stored");
            String refused = client.post("/big?size=3000").send().assertNoHeader("Set-Cookie").text();
            assertThat(refused).startsWith("Session value for key 'blob' would make the session cookie 'session' 4")
                    .contains("bytes, over the 4096 bytes browsers keep")
                    .contains("store its id in the session");
            client.get("/keys").send().assertText("[user, blob] false true");
            assertThat(client.cookies().get("session").length()).isLessThan(4096);
        }
    }

    @Test
    void aValueTheMapperCannotWriteIsNamedWithItsKey() {
        try (TestClient client = TestClient.open(app(Sessions.builder(SessionsTest.KEY).build()))) {
            assertThat(client.post("/unwritable").send().assertNoHeader("Set-Cookie").text())
                    .startsWith("Session value for key 'thing' (a " + Broken.class.getName() + ") cannot be written as JSON by the"
                            + " app's ObjectMapper: ")
                    .endsWith("Store a String, a number, a boolean, a record, or a List or Map of them");
            client.post("/login?user=ann").send();
            assertThat(client.get("/as-number").send().text()).startsWith("Session value for key 'user' is a JSON"
                    + " string that cannot be read as java.lang.Integer (");
        }
    }

    @Test
    void aSessionParameterWithoutTheMiddlewareFailsTheBuildNamingTheFix() {
        assertThatThrownBy(() -> WebApp.builder("Shop", "1").routes(SessionsTest.Login.class).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Login.")
                .hasMessageContaining("takes a Session, but app 'Shop' has no Sessions middleware. Add"
                        + " .middleware(Sessions.builder(secretKey).build()) to it (a mounted app needs its own");
    }

    @Test
    void aProviderAskingForTheSessionWithoutTheMiddlewareFailsTheRequestNamingTheFix() {
        WebApp app = WebApp.builder("Shop", "1").routes(SessionsTest.Account.class)
                .dependency(SessionsTest.CurrentUser.class, scope -> new SessionsTest.CurrentUser(
                        scope.get(Session.class).get("user", String.class).orElse("?")))
                .build();
        try (TestClient client = TestClient.builder(app).raiseServerExceptions(true).open()) {
            assertThatThrownBy(() -> client.get("/account").send())
                    .hasMessage("No session for GET /account: no Sessions middleware ran for this request. Add"
                            + " .middleware(Sessions.builder(secretKey).build()) to the app that serves it (a mounted"
                            + " app needs its own; WebSocket routes have no session)");
        }
    }

    @Test
    void aWebSocketRouteWithASessionFailsTheBuild() {
        assertThatThrownBy(() -> WebApp.builder("Chat", "1").middleware(Sessions.builder(SessionsTest.KEY).build())
                .routes(Socket.class).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Socket.ws is a WebSocket route with a Session parameter, but WebSocket routes"
                        + " have no session");
    }

    @Test
    void aShortKeyIsRefusedNamingHowToMakeOne() {
        assertThatThrownBy(() -> Sessions.builder("secret"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Sessions secret key is 6 bytes; it needs at least 32 bytes of random data")
                .hasMessageContaining("openssl rand -base64 32");
        assertThatThrownBy(() -> Sessions.builder(SessionsTest.KEY).previousKeys("old"))
                .hasMessageStartingWith("Sessions previous key is 3 bytes");
    }

    @Test
    void optionsAreCheckedWhenSet() {
        Sessions.Builder builder = Sessions.builder(SessionsTest.KEY);
        assertThatThrownBy(() -> builder.sameSite("none").build())
                .hasMessageStartingWith("Sessions sameSite(\"None\") needs httpsOnly(true)");
        assertThat(builder.httpsOnly(true).build()).isNotNull();
        assertThatThrownBy(() -> builder.sameSite("loose")).hasMessage("Sessions sameSite must be Lax, Strict or None:"
                + " 'loose'");
        assertThatThrownBy(() -> builder.cookieName("a b")).hasMessageContaining("is not a token");
        assertThatThrownBy(() -> builder.path("app")).hasMessageStartingWith("Sessions path must start with '/'");
        assertThatThrownBy(() -> builder.domain("a;b")).hasMessageStartingWith("Sessions domain must be a host name");
        assertThatThrownBy(() -> builder.maxAge(Duration.ZERO)).hasMessageStartingWith("Sessions maxAge must be");
        assertThatThrownBy(() -> builder.refreshAfter(Duration.ofSeconds(-1))).hasMessageStartingWith(
                "Sessions refreshAfter < 0");
    }
}
