package io.gyre.testing.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gyre.testing.LiveServer;
import io.gyre.web.Get;
import io.gyre.web.Post;
import io.gyre.web.Routes;
import io.gyre.web.Session;
import io.gyre.web.Sessions;
import io.gyre.web.WebApp;
import io.gyre.web.WebResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The session cookie in Chromium (Debian's chromium, driven by playwright-core through
 * {@code gyre-web/src/test/browser/sessions.mjs}): the browser keeps the cookie the middleware
 * writes with the attributes it was given, sends it back, keeps the largest session the
 * middleware accepts, and forgets it on logout. Skipped when node, chromium or playwright-core
 * are missing.
 */
class BrowserSessionsTest {
    private static final Path TOOLS = Path.of("..", "gyre-web", "src", "test", "browser").toAbsolutePath().normalize();
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("GYRE_CHROMIUM", "/usr/bin/chromium"));

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
        assumeTrue(runs(List.of("node", "--version")),
                "node is not installed; install it to run the browser test (apt-get install -y nodejs npm)");
        assumeTrue(Files.isExecutable(CHROMIUM),
                CHROMIUM + " is missing; install it to run the browser test (apt-get install -y chromium)");
        assumeTrue(Files.isDirectory(TOOLS.resolve("node_modules/playwright-core")),
                "playwright-core is not installed; run (cd gyre-web/src/test/browser && npm ci)");
        WebApp app = WebApp.builder("Sessions", "1").middleware(Sessions.builder(SessionsTest.KEY).build())
                .routes(Pages.class).build();
        try (LogCapture log = LogCapture.start(); LiveServer server = LiveServer.start(app)) {
            JsonNode r = run(server.port());
            String all = r.toString();
            assertThat(r.path("errors")).as(all).isEmpty();
            assertThat(r.path("outside")).as(all).isEmpty();
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

    private static JsonNode run(int port) throws Exception {
        Process node = new ProcessBuilder("node", "sessions.mjs", "http://127.0.0.1:" + port).directory(TOOLS.toFile())
                .redirectErrorStream(true).start();
        node.getOutputStream().close();
        String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.waitFor(120, TimeUnit.SECONDS)).as("browser script finished").isTrue();
        String last = out.strip().lines().reduce((a, b) -> b).orElse("");
        assertThat(last).as("script output:\n" + out).startsWith("{");
        return new ObjectMapper().readTree(last);
    }

    private static boolean runs(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
