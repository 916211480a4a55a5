package io.gyre.testing.web;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gyre.testing.LiveServer;
import io.gyre.web.HttpsRedirect;
import io.gyre.web.WebApp;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Over the socket, redirects are returned as they are unless the request asks to follow them. */
class LiveServerRedirectsTest {
    static LiveServer server;

    @BeforeAll
    static void start() {
        server = LiveServer.start(WebApp.builder("Moves", "1").routes(TestClientRedirectsTest.Moves.class).build());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aRedirectIsReturnedAsItIsByDefault() {
        server.get("/old").send().assertStatus(301).assertHeader("Location", "/new?from=old");
    }

    @Test
    void followingARedirectReturnsTheLastResponse() {
        server.get("/old").followRedirects().send().assertStatus(200).assertText("new from old");
    }

    @Test
    void a303AfterAPostContinuesWithAGetWithoutBody() {
        server.post("/orders").json("{}").followRedirects().send().assertStatus(200).assertText("order 1 GET -");
    }

    @Test
    void a307RepeatsTheMethodAndBodyAtARelativeLocation() {
        server.post("/again").body("hi".getBytes(StandardCharsets.UTF_8), "text/plain").followRedirects().send()
                .assertStatus(200).assertText("echo hi");
    }

    @Test
    void aRedirectOutsideTheServerFailsTheTestWithTheRedirect() {
        assertThatThrownBy(() -> server.get("/away").followRedirects().send()).isInstanceOf(AssertionError.class)
                .hasMessageContaining("LiveServer: GET /away redirects to https://elsewhere.example/x")
                .hasMessageContaining("outside the app (served as 127.0.0.1:" + server.port() + ")")
                .hasMessageContaining("HTTP 307");
    }

    @Test
    void aRedirectLoopFailsTheTest() {
        assertThatThrownBy(() -> server.get("/loop").followRedirects().send()).isInstanceOf(AssertionError.class)
                .hasMessageContaining("LiveServer: GET /loop was redirected more than 20 times");
    }

    @Test
    void anHttpsRedirectIsNotFollowedToAServerThatServesPlainHttp() {
        WebApp app = WebApp.builder("Https", "1").routes(TestClientRedirectsTest.Moves.class)
                .middleware(HttpsRedirect.create()).build();
        try (LiveServer https = LiveServer.start(app)) {
            https.get("/new?from=http").send().assertStatus(307);
            assertThatThrownBy(() -> https.get("/new?from=http").followRedirects().send())
                    .isInstanceOf(AssertionError.class).hasMessageContaining("over https")
                    .hasMessageContaining("serves plain http");
        }
    }
}
