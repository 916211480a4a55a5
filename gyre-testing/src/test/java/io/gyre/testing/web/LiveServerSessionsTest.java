package io.gyre.testing.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.gyre.testing.LiveServer;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;

/** The session cookie makes a real round trip over a socket. */
class LiveServerSessionsTest {
    @Test
    void aLoginOverASocketIsReadBackAndALogoutEndsIt() {
        try (LogCapture log = LogCapture.start(); LiveServer server = LiveServer.start(SessionsTest.app())) {
            server.get("/me").send().assertText("anonymous").assertNoHeader("Set-Cookie");
            String setCookie = server.post("/login?user=ann").send().assertText("hi ann").header("Set-Cookie")
                    .orElseThrow();
            assertThat(setCookie).startsWith("session=").contains("; HttpOnly; SameSite=Lax");
            server.get("/me").send().assertText("ann").assertNoHeader("Set-Cookie");
            // the cookie as a browser sends it, without the test kit's jar
            server.send(HttpRequest.newBuilder(server.uri("/me")).header("Cookie", setCookie.split(";")[0]).build())
                    .assertText("ann");
            server.post("/logout").send().assertText("bye");
            assertThat(server.cookies()).doesNotContainKey("session");
            server.get("/me").send().assertText("anonymous");
            assertThat(log.problems()).isEmpty();
        }
    }
}
