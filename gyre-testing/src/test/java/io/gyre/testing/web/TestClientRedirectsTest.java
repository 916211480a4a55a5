package io.gyre.testing.web;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gyre.testing.TestClient;
import io.gyre.web.Get;
import io.gyre.web.HttpsRedirect;
import io.gyre.web.Post;
import io.gyre.web.Routes;
import io.gyre.web.WebApp;
import io.gyre.web.WebRequest;
import io.gyre.web.WebResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Redirects are returned as they are unless the request asks to follow them. */
class TestClientRedirectsTest {
    static TestClient client;

    @Routes
    public static final class Moves {
        @Get("/old")
        public WebResponse old() {
            return WebResponse.redirect("/new?from=old", 301);
        }

        @Get("/new")
        public String fresh(String from) {
            return "new from " + from;
        }

        @Post("/orders")
        public WebResponse create() {
            return WebResponse.redirect("/orders/1", 303);
        }

        @Get("/orders/1")
        public String order(WebRequest request) {
            return "order 1 " + request.method() + " " + request.header("Content-Type").orElse("-");
        }

        @Post("/again")
        public WebResponse again() {
            return WebResponse.redirect("echo", 307);
        }

        @Post("/echo")
        public String echo(WebRequest request) {
            return "echo " + new String(request.bodyBytes(), StandardCharsets.UTF_8);
        }

        @Get("/away")
        public WebResponse away() {
            return WebResponse.redirect("https://elsewhere.example/x");
        }

        @Get("/loop")
        public WebResponse loop() {
            return WebResponse.redirect("/loop");
        }
    }

    @BeforeAll
    static void open() {
        client = TestClient.open(WebApp.builder("Moves", "1").routes(Moves.class).build());
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @Test
    void aRedirectIsReturnedAsItIsByDefault() {
        client.get("/old").send().assertStatus(301).assertHeader("Location", "/new?from=old");
    }

    @Test
    void followingARedirectReturnsTheLastResponse() {
        client.get("/old").followRedirects().send().assertStatus(200).assertText("new from old");
    }

    @Test
    void a303AfterAPostContinuesWithAGetWithoutBody() {
        client.post("/orders").json("{}").followRedirects().send().assertStatus(200).assertText("order 1 GET -");
    }

    @Test
    void a307RepeatsTheMethodAndBodyAtARelativeLocation() {
        client.post("/again").body("hi".getBytes(StandardCharsets.UTF_8), "text/plain").followRedirects().send()
                .assertStatus(200).assertText("echo hi");
    }

    @Test
    void aRedirectOutsideTheAppFailsTheTestWithTheRedirect() {
        assertThatThrownBy(() -> client.get("/away").followRedirects().send()).isInstanceOf(AssertionError.class)
                .hasMessageContaining("GET /away redirects to https://elsewhere.example/x")
                .hasMessageContaining("outside the app (served as testserver)").hasMessageContaining("HTTP 307");
    }

    @Test
    void aRedirectLoopFailsTheTest() {
        assertThatThrownBy(() -> client.get("/loop").followRedirects().send()).isInstanceOf(AssertionError.class)
                .hasMessageContaining("redirected more than 20 times");
    }

    @Test
    void anHttpsRedirectIsFollowedToTheSameHostOverHttps() {
        WebApp app = WebApp.builder("Https", "1").routes(Moves.class).middleware(HttpsRedirect.create()).build();
        try (TestClient https = TestClient.open(app)) {
            https.get("/new?from=http").followRedirects().send().assertStatus(200).assertText("new from http");
        }
    }
}
