package io.gyre.testing.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gyre.testing.LiveServer;
import io.gyre.web.Get;
import io.gyre.web.Post;
import io.gyre.web.Routes;
import io.gyre.web.Session;
import io.gyre.web.Sessions;
import io.gyre.web.WebApp;
import io.gyre.web.WebResponse;
import org.junit.jupiter.api.Test;

/**
 * The session cookie in Chromium (Debian's chromium, driven by playwright-core through
 * {@code gyre-web/src/test/browser/sessions.mjs}): the browser keeps the cookie the middleware
 * writes with the attributes it was given, sends it back, keeps the largest session the
 * middleware accepts, and forgets it on logout. Skipped when node, chromium or playwright-core
 * are missing.
 */
class BrowserSessionsTest {
    @Routes
    public static final class Pages {
        @Get("/s/page")
        public WebResponse page() {
            return WebResponse.html("<!doctype html><title>sessions</title><p>sessions</p>");
        }

        @Post("/s/login")
        public String login(String user, Session session) {
            session.put("user", user);
            return "hi " + user;
        }

        @Get("/s/me")
        public String me(Session session) {
            return session.get("user", String.class).orElse("anonymous");
        }

        /** Puts the longest value the session takes; answers its length. */
        @Post("/s/big")
        public String big(Session session) {
            for (int n = 4096; n > 0; n--) {
                try {
                    session.put("big", "x".repeat(n));
                    return Integer.toString(n);
                } catch (IllegalArgumentException tooLarge) {
                    // one shorter
                }
            }
            throw new AssertionError("no value fits");
        }

        @Get("/s/big")
        public String readBig(Session session) {
            return session.get("big", String.class).map(v -> Integer.toString(v.length())).orElse("none");
        }

        @Post("/s/logout")
        public String logout(Session session) {
            session.clear();
            return "bye";
        }
    }

    @Test
    void chromiumKeepsTheSignedCookieWithItsAttributesSendsItBackAndForgetsItOnLogout() throws Exception {
        BrowserScript.requireTools();
        WebApp app = WebApp.builder("Sessions", "1").middleware(Sessions.builder(SessionsTest.KEY).build())
                .routes(Pages.class).build();
        try (LogCapture log = LogCapture.start(); LiveServer server = LiveServer.start(app)) {
            JsonNode r = BrowserScript.run("sessions.mjs", server.port());
            String all = r.toString();
            assertThat(r.path("login").path("text").asText()).as(all).isEqualTo("hi ann");
            assertThat(r.path("documentCookie").asText()).as("HttpOnly hides it from scripts").isEmpty();
            assertThat(r.path("me").path("text").asText()).as(all).isEqualTo("ann");
            JsonNode cookie = r.path("cookie");
            assertThat(cookie.path("httpOnly").asBoolean()).as(all).isTrue();
            assertThat(cookie.path("secure").asBoolean()).as(all).isFalse();
            assertThat(cookie.path("sameSite").asText()).as(all).isEqualTo("Lax");
            assertThat(cookie.path("path").asText()).as(all).isEqualTo("/");
            assertThat(cookie.path("domain").asText()).as("host only").isEqualTo("127.0.0.1");
            assertThat(cookie.path("expiresInDays").asDouble()).as(all).isBetween(13.99, 14.01);
            // reading does not change the session, so no Set-Cookie: the stored value stays
            assertThat(r.path("meAgain").path("text").asText()).as(all).isEqualTo("ann");
            assertThat(r.path("valueAfterRead").asText()).isEqualTo(r.path("valueBeforeRead").asText());
            int big = r.path("big").path("text").asInt();
            assertThat(big).as(all).isGreaterThan(2900); // base64 makes 4 characters of 3 bytes
            assertThat(r.path("bigRead").path("text").asText()).as("the browser kept the largest session")
                    .isEqualTo(Integer.toString(big));
            // the whole Set-Cookie line is at most 4096 bytes, so the value is just under it
            assertThat(r.path("bigCookieLength").asInt()).as(all).isBetween(3900, 4096);
            assertThat(r.path("logout").path("text").asText()).as(all).isEqualTo("bye");
            assertThat(r.path("afterLogout").isNull()).as("the store forgot the cookie: " + all).isTrue();
            assertThat(r.path("meAfterLogout").path("text").asText()).as(all).isEqualTo("anonymous");
            assertThat(log.problems()).isEmpty();
        }
    }
}
