package io.gyre.testing.web;

import io.gyre.testing.TestClient;
import io.gyre.web.HttpsRedirect;
import io.gyre.web.WebApp;
import io.gyre.web.WebResponse;
import org.junit.jupiter.api.Test;

class HttpsRedirectTest {
    private static WebApp app() {
        return WebApp.builder("Https", "1").middleware(HttpsRedirect.create())
                .middleware((request, next) -> WebResponse.text("reached " + request.path())).build();
    }

    @Test
    void theLocationKeepsThePathAsSentSoAnEscapedQuestionMarkStaysInThePath() {
        try (TestClient client = TestClient.open(app())) {
            client.get("/a%3Fb").header("Host", "example.com").send().assertStatus(307)
                    .assertHeader("Location", "https://example.com/a%3Fb");
            client.get("/a%3Fb?c=%26d").header("Host", "example.com:80").send().assertStatus(307)
                    .assertHeader("Location", "https://example.com/a%3Fb?c=%26d");
        }
        try (TestClient client = TestClient.builder(app()).baseUrl("https://example.com").open()) {
            client.get("/a%3Fb").send().assertStatus(200).assertText("reached /a?b");
        }
    }

    @Test
    void theDefaultPortOfEitherSchemeIsDroppedAndOthersAreKept() {
        try (TestClient client = TestClient.open(app())) {
            client.get("/a").header("Host", "example.com:443").send().assertStatus(307)
                    .assertHeader("Location", "https://example.com/a");
            client.post("/a").header("Host", "example.com:80").send().assertStatus(307)
                    .assertHeader("Location", "https://example.com/a");
            client.get("/a").header("Host", "example.com:8080").send().assertStatus(307)
                    .assertHeader("Location", "https://example.com:8080/a");
        }
    }

    @Test
    void escapesThatDecodeToControlOrNonAsciiCharactersStayEscaped() {
        try (TestClient client = TestClient.open(app())) {
            client.get("/line%0Abreak/%E2%82%AC?q=%0D%0A").header("Host", "example.com").send().assertStatus(307)
                    .assertHeader("Location", "https://example.com/line%0Abreak/%E2%82%AC?q=%0D%0A");
        }
    }

    @Test
    void aMountedAppRedirectsToItsWholePath() {
        WebApp outer = WebApp.builder("Outer", "1").mount("/api", app()).build();
        try (TestClient client = TestClient.open(outer)) {
            client.get("/api/a%3Fb?x=1").header("Host", "example.com").send().assertStatus(307)
                    .assertHeader("Location", "https://example.com/api/a%3Fb?x=1");
        }
    }
}
