package io.gyre.testing.web;

import io.gyre.testing.TestClient;
import io.gyre.web.Cors;
import io.gyre.web.Get;
import io.gyre.web.Routes;
import io.gyre.web.WebApp;
import org.junit.jupiter.api.Test;

/**
 * Cors against the Fetch standard: which responses carry {@code Vary: Origin} (every one whose
 * CORS headers depend on the {@code Origin}, for requests without one too), origin patterns,
 * credentials with {@code *}, and error responses.
 */
class CorsTest {
    @Routes
    public static final class Pages {
        @Get("/page")
        public String page() {
            return "page";
        }

        @Get("/boom")
        public String boom() {
            throw new IllegalStateException("the page store is down");
        }
    }

    private static WebApp app(Cors cors) {
        return WebApp.builder("Cors", "1").routes(Pages.class).middleware(cors).build();
    }

    @Test
    void everyResponseOfAListOfOriginsVariesByOriginAllowedOrNot() {
        try (TestClient client = TestClient.open(app(Cors.builder().allowOrigins("https://app.example").build()))) {
            client.get("/page").header("Origin", "https://evil.example").send().assertStatus(200)
                    .assertHeader("Vary", "Origin").assertNoHeader("Access-Control-Allow-Origin");
            client.get("/page").send().assertStatus(200)
                    .assertHeader("Vary", "Origin").assertNoHeader("Access-Control-Allow-Origin");
            client.get("/page").header("Origin", "https://app.example").send()
                    .assertHeader("Vary", "Origin").assertHeader("Access-Control-Allow-Origin", "https://app.example");
        }
    }

    @Test
    void anyOriginWithoutCredentialsIsAStarOnEveryResponseAndVariesByNothing() {
        try (TestClient client = TestClient.open(app(Cors.builder().allowOrigins("*").build()))) {
            client.get("/page").send().assertHeader("Access-Control-Allow-Origin", "*").assertNoHeader("Vary");
            client.get("/page").header("Origin", "https://a.example").send()
                    .assertHeader("Access-Control-Allow-Origin", "*").assertNoHeader("Vary");
        }
    }

    @Test
    void anyOriginWithCredentialsEchoesTheOriginNeverAStar() {
        try (TestClient client = TestClient.open(app(Cors.builder().allowOrigins("*").allowCredentials(true).build()))) {
            client.get("/page").header("Origin", "https://a.example").send()
                    .assertHeader("Access-Control-Allow-Origin", "https://a.example")
                    .assertHeader("Access-Control-Allow-Credentials", "true").assertHeader("Vary", "Origin");
            client.request("OPTIONS", "/page").header("Origin", "https://a.example")
                    .header("Access-Control-Request-Method", "GET").send().assertStatus(200)
                    .assertHeader("Access-Control-Allow-Origin", "https://a.example");
        }
    }

    @Test
    void originsMayBeMatchedByARegexOverTheWholeOrigin() {
        Cors cors = Cors.builder().allowOriginRegex("https://[a-z0-9-]+\\.preview\\.example").build();
        try (TestClient client = TestClient.open(app(cors))) {
            client.get("/page").header("Origin", "https://pr-7.preview.example").send()
                    .assertHeader("Access-Control-Allow-Origin", "https://pr-7.preview.example");
            client.get("/page").header("Origin", "https://pr-7.preview.example.evil").send()
                    .assertNoHeader("Access-Control-Allow-Origin").assertHeader("Vary", "Origin");
            client.request("OPTIONS", "/page").header("Origin", "https://pr-7.preview.example")
                    .header("Access-Control-Request-Method", "GET").send().assertStatus(200)
                    .assertHeader("Access-Control-Allow-Origin", "https://pr-7.preview.example");
        }
    }

    @Test
    void errorResponsesCarryTheCorsHeaders() {
        try (TestClient client = TestClient.open(app(Cors.builder().allowOrigins("https://app.example").build()))) {
            client.get("/missing").header("Origin", "https://app.example").send().assertStatus(404)
                    .assertHeader("Access-Control-Allow-Origin", "https://app.example");
            client.get("/boom").header("Origin", "https://app.example").send().assertStatus(500)
                    .assertHeader("Access-Control-Allow-Origin", "https://app.example");
        }
    }
}
