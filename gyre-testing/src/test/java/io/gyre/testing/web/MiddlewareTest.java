package io.gyre.testing.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.gyre.testing.TestClient;
import io.gyre.web.BackgroundTasks;
import io.gyre.web.Cors;
import io.gyre.web.GZip;
import io.gyre.web.Get;
import io.gyre.web.HttpsRedirect;
import io.gyre.web.RequestId;
import io.gyre.web.Routes;
import io.gyre.web.TrustedHosts;
import io.gyre.web.WebApp;
import io.gyre.web.WebResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class MiddlewareTest {
    static final List<String> SEEN = new CopyOnWriteArrayList<>();

    @Routes
    public static final class Pages {
        @Get("/small")
        public String small() {
            return "tiny";
        }

        @Get("/big")
        public String big() {
            return "x".repeat(2000);
        }

        @Get("/events")
        public WebResponse events() {
            return WebResponse.sse(Duration.ofSeconds(30), sink -> sink.send(io.gyre.web.ServerSentEvent.of("y".repeat(2000))));
        }

        @Get("/mdc")
        public String mdc(BackgroundTasks after) {
            after.add("log", () -> SEEN.add("background " + MDC.get(RequestId.KEY)));
            return String.valueOf(MDC.get(RequestId.KEY));
        }
    }

    @Test
    void middlewareRunsInRegistrationOrderOutermostFirst() {
        List<String> order = new CopyOnWriteArrayList<>();
        WebApp app = WebApp.builder("Order", "1").routes(Pages.class)
                .middleware((request, next) -> {
                    order.add("a in");
                    WebResponse response = next.proceed(request);
                    order.add("a out");
                    return response;
                })
                .middleware((request, next) -> {
                    order.add("b in");
                    WebResponse response = next.proceed(request);
                    order.add("b out");
                    return response.toBuilder().header("X-B", "1").build();
                })
                .build();
        try (TestClient client = TestClient.open(app)) {
            client.get("/small").send().assertHeader("X-B", "1");
            client.get("/missing").send().assertStatus(404).assertHeader("X-B", "1");
        }
        assertThat(order.subList(0, 4)).containsExactly("a in", "b in", "b out", "a out");
    }

    @Test
    void corsPreflightIsAnsweredForAllowedOrigins() {
        WebApp app = WebApp.builder("Cors", "1").routes(Pages.class)
                .middleware(Cors.builder().allowOrigins("https://app.example").allowHeaders("X-Token")
                        .allowCredentials(true).maxAge(Duration.ofMinutes(5)).build())
                .build();
        try (TestClient client = TestClient.open(app)) {
            client.request("OPTIONS", "/small").header("Origin", "https://app.example")
                    .header("Access-Control-Request-Method", "GET").header("Access-Control-Request-Headers", "X-Token")
                    .send().assertStatus(200)
                    .assertHeader("Access-Control-Allow-Origin", "https://app.example")
                    .assertHeader("Access-Control-Allow-Credentials", "true")
                    .assertHeader("Access-Control-Max-Age", "300")
                    .assertHeader("Access-Control-Allow-Headers", "X-Token");
            client.request("OPTIONS", "/small").header("Origin", "https://evil.example")
                    .header("Access-Control-Request-Method", "GET").send().assertStatus(400);
            client.get("/small").header("Origin", "https://app.example").send().assertStatus(200)
                    .assertHeader("Access-Control-Allow-Origin", "https://app.example");
            client.get("/small").header("Origin", "https://evil.example").send().assertStatus(200)
                    .assertNoHeader("Access-Control-Allow-Origin");
        }
    }

    @Test
    void gzipCompressesLargeBodiesForClientsThatAcceptIt() throws IOException {
        WebApp app = WebApp.builder("Gzip", "1").routes(Pages.class).middleware(GZip.create(500, 6)).build();
        try (TestClient client = TestClient.open(app)) {
            var big = client.get("/big").header("Accept-Encoding", "br, gzip").send()
                    .assertHeader("Content-Encoding", "gzip").assertHeader("Vary", "Accept-Encoding");
            try (var in = new GZIPInputStream(new ByteArrayInputStream(big.bytes()))) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("x".repeat(2000));
            }
            client.get("/big").send().assertNoHeader("Content-Encoding");
            client.get("/small").header("Accept-Encoding", "gzip").send().assertNoHeader("Content-Encoding")
                    .assertText("tiny");
            client.get("/events").header("Accept-Encoding", "gzip").send().assertNoHeader("Content-Encoding");
        }
    }

    @Test
    void untrustedHostIs400() {
        WebApp app = WebApp.builder("Hosts", "1").routes(Pages.class).middleware(TrustedHosts.of("example.com", "*.example.com")).build();
        try (TestClient client = TestClient.open(app)) {
            client.get("/small").header("Host", "api.example.com:8080").send().assertStatus(200);
            client.get("/small").header("Host", "evil.com").send().assertStatus(400);
        }
    }

    @Test
    void plainHttpIsRedirectedToHttps() {
        WebApp app = WebApp.builder("Https", "1").routes(Pages.class).middleware(HttpsRedirect.create()).build();
        try (TestClient client = TestClient.open(app)) {
            client.get("/small?a=1").header("Host", "example.com").send().assertStatus(307)
                    .assertHeader("Location", "https://example.com/small?a=1");
        }
        WebApp again = WebApp.builder("Https", "1").routes(Pages.class).middleware(HttpsRedirect.create()).build();
        try (TestClient client = TestClient.builder(again).baseUrl("https://example.com").open()) {
            client.get("/small").send().assertStatus(200);
        }
    }

    @Test
    void requestIdIsEchoedAndSeenInTheMdcOfHandlerAndBackgroundTasks() {
        SEEN.clear();
        WebApp app = WebApp.builder("Ids", "1").routes(Pages.class).middleware(RequestId.create()).build();
        try (TestClient client = TestClient.open(app)) {
            client.get("/mdc").header("X-Request-ID", "req-42").send().assertHeader("X-Request-ID", "req-42")
                    .assertText("req-42");
            var generated = client.get("/mdc").send();
            assertThat(generated.header("X-Request-ID")).hasValueSatisfying(id -> assertThat(id).hasSize(36));
        }
        assertThat(SEEN).contains("background req-42");
    }

    @Test
    void gzipCompressesJsonThatAnInnerMiddlewareAnswers() throws IOException {
        List<Map<String, Object>> items = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) {
            items.add(Map.of("id", i, "name", "item " + i));
        }
        WebApp app = WebApp.builder("Gzip", "1").routes(Pages.class)
                .middleware(GZip.create())
                .middleware((request, next) -> request.path().equals("/maintenance")
                        ? WebResponse.of(503).json(Map.of("detail", "down for maintenance", "queued", items))
                        : next.proceed(request))
                .build();
        try (TestClient client = TestClient.open(app)) {
            var response = client.get("/maintenance").header("Accept-Encoding", "gzip").send()
                    .assertStatus(503).assertHeader("Content-Encoding", "gzip");
            byte[] json = new GZIPInputStream(new ByteArrayInputStream(response.bytes())).readAllBytes();
            var tree = app.objectMapper().readTree(json);
            assertThat(tree.path("detail").asText()).isEqualTo("down for maintenance");
            assertThat(tree.path("queued")).hasSize(100);
        }
    }
}
