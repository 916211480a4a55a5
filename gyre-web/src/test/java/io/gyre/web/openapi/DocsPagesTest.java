package io.gyre.web.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DocsPagesTest {
    static LiveServer server;
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() {
        server = new LiveServer(Showcase.app());
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static String script(String page, String name) {
        Matcher m = Pattern.compile("src=\"([^\"]*" + Pattern.quote(name) + ")\"").matcher(page);
        assertThat(m.find()).as("page names " + name).isTrue();
        return m.group(1);
    }

    @Test
    void openApiJsonIsServedAsTheGeneratedDocument() throws Exception {
        LiveServer.Reply r = server.get("/openapi.json");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.header("Content-Type")).hasValue("application/json");
        JsonNode served = JSON.readTree(r.body());
        assertThat(served).isEqualTo(JSON.readTree(OpenApi.json(Showcase.app())));
    }

    @Test
    void docsPageDeclaresUtf8AndLoadsBundledSwaggerUi() throws Exception {
        LiveServer.Reply r = server.get("/docs");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.header("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(r.body()).contains("<meta charset=\"utf-8\">", "<title>Showcase - Swagger UI</title>",
                "url: \"/openapi.json\"", "validatorUrl: null").doesNotContain("https://", "http://");
        String bundle = script(r.body(), "swagger-ui-bundle.js");
        assertThat(bundle).startsWith("/docs/swagger-ui/");
        LiveServer.Reply js = server.get(bundle);
        assertThat(js.statusCode()).isEqualTo(200);
        assertThat(js.header("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(js.header("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("immutable"));
        assertThat(js.body().length()).isGreaterThan(100_000);
        String css = bundle.replace("swagger-ui-bundle.js", "swagger-ui.css");
        assertThat(server.get(css).header("Content-Type")).hasValue("text/css; charset=utf-8");
    }

    @Test
    void assetsAnswer304ForTheirETag() throws Exception {
        String bundle = script(server.get("/docs").body(), "swagger-ui-bundle.js");
        String etag = server.get(bundle).header("ETag").orElseThrow();
        assertThat(server.get(bundle, "If-None-Match", etag).statusCode()).isEqualTo(304);
    }

    @Test
    void onlyListedAssetsAreServed() throws Exception {
        String bundle = script(server.get("/docs").body(), "swagger-ui-bundle.js");
        String dir = bundle.substring(0, bundle.lastIndexOf('/') + 1);
        assertThat(server.get(dir + "index.html").statusCode()).isEqualTo(404);
        assertThat(server.get(dir + "..%2F..%2Fpom.properties").statusCode()).isEqualTo(404);
    }

    @Test
    void oauth2RedirectFilesAreServedBesideTheDocsPage() throws Exception {
        LiveServer.Reply page = server.get("/docs/oauth2-redirect.html");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.header("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(server.get("/docs/oauth2-redirect.js").statusCode()).isEqualTo(200);
        assertThat(server.get("/docs/oauth2-redirect.css").statusCode()).isEqualTo(404);
        OpenApiConfig config = OpenApiConfig.builder().docsUrl("/api/ui").build();
        try (LiveServer custom = new LiveServer(Showcase.app(config))) {
            assertThat(custom.get("/api/ui/oauth2-redirect.html").statusCode()).isEqualTo(200);
            assertThat(custom.get("/docs/oauth2-redirect.html").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void redocPageLoadsBundledRedoc() throws Exception {
        LiveServer.Reply r = server.get("/redoc");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("<meta charset=\"utf-8\">", "Redoc.init(\"/openapi.json\"")
                .doesNotContain("https://", "http://");
        LiveServer.Reply js = server.get(script(r.body(), "redoc.standalone.js"));
        assertThat(js.statusCode()).isEqualTo(200);
        assertThat(js.body().length()).isGreaterThan(100_000);
    }

    @Test
    void otherRequestsReachTheRoutes() throws Exception {
        assertThat(server.get("/items/1/label").body()).isEqualTo("item 1");
        assertThat(server.get("/docs/nothing").statusCode()).isEqualTo(404);
    }

    @Test
    void urlsAreConfigurableAndPagesCanBeDisabled() throws Exception {
        OpenApiConfig config = OpenApiConfig.builder().openApiUrl("/api/spec.json").docsUrl("/api/ui").noRedoc().build();
        try (LiveServer custom = new LiveServer(Showcase.app(config))) {
            assertThat(custom.get("/api/spec.json").statusCode()).isEqualTo(200);
            assertThat(custom.get("/api/ui").body()).contains("url: \"/api/spec.json\"");
            assertThat(custom.get("/openapi.json").statusCode()).isEqualTo(404);
            assertThat(custom.get("/docs").statusCode()).isEqualTo(404);
            assertThat(custom.get("/redoc").statusCode()).isEqualTo(404);
        }
        try (LiveServer off = new LiveServer(Showcase.app(OpenApiConfig.disabled()))) {
            assertThat(off.get("/openapi.json").statusCode()).isEqualTo(404);
            assertThat(off.get("/docs").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void rootPathGoesIntoPageUrlsAndServers() throws Exception {
        try (LiveServer proxied = new LiveServer(Showcase.app(), b -> b.configure(c -> c.rootPath("/shop")))) {
            assertThat(proxied.get("/docs").body()).contains("url: \"/shop/openapi.json\"", "src=\"/shop/docs/swagger-ui/");
            JsonNode doc = JSON.readTree(proxied.get("/openapi.json").body());
            assertThat(doc.path("servers").toString()).isEqualTo("[{\"url\":\"/shop\"}]");
        }
    }

    @Test
    void configRejectsMalformedAndDuplicateUrls() {
        assertThatThrownBy(() -> OpenApiConfig.builder().docsUrl("docs").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("docsUrl must start with '/'");
        assertThatThrownBy(() -> OpenApiConfig.builder().docsUrl("/docs/").build())
                .hasMessageContaining("not end with '/'");
        assertThatThrownBy(() -> OpenApiConfig.builder().redocUrl("/docs").build())
                .hasMessageContaining("redocUrl '/docs' is already used");
        assertThatThrownBy(() -> new OpenApiConfig(java.util.Optional.empty(), java.util.Optional.of("/docs"),
                java.util.Optional.empty(), java.util.List.of())).hasMessageContaining("Set openApiUrl");
    }
}
