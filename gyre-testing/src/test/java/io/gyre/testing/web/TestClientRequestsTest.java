package io.gyre.testing.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gyre.testing.TestClient;
import io.gyre.web.Form;
import io.gyre.web.Get;
import io.gyre.web.Header;
import io.gyre.web.Post;
import io.gyre.web.Routes;
import io.gyre.web.UploadedFile;
import io.gyre.web.WebApp;
import io.gyre.web.WebRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What a request of the test client can carry: query, headers, and each kind of body. */
class TestClientRequestsTest {
    static TestClient client;

    @Routes
    public static final class Echo {
        @Get("/search")
        public String search(String q, List<String> tag) {
            return q + ":" + tag;
        }

        @Get("/who")
        public String who(WebRequest request, @Header("X-Team") String team) {
            return request.scheme() + "://" + request.header("Host").orElse("?") + " " + team + " "
                    + request.header("User-Agent").orElse("-");
        }

        @Post("/login")
        public String login(@Form String username, @Form List<String> role) {
            return username + ":" + role;
        }

        @Post("/upload")
        public String upload(@Form String title, UploadedFile file) {
            return title + ":" + file.filename().orElse("?") + ":" + file.contentType() + ":"
                    + new String(file.bytes(), StandardCharsets.UTF_8);
        }

        @Post("/raw")
        public String raw(WebRequest request) {
            return request.header("Content-Type").orElse("-") + ":" + new String(request.bodyBytes(), StandardCharsets.UTF_8);
        }
    }

    @BeforeAll
    static void open() {
        client = TestClient.builder(WebApp.builder("Echo", "1").routes(Echo.class).build())
                .header("X-Team", "core").header("User-Agent", "gyre-test").open();
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @Test
    void queryParametersAreEncodedAndRepeatedNamesMakeALists() {
        client.get("/search").query("q", "a b&c").query("tag", "x").query("tag", "y/z").send()
                .assertStatus(200).assertText("a b&c:[x, y/z]");
        client.get("/search?q=1").query("tag", "t").send().assertText("1:[t]");
    }

    @Test
    void defaultHeadersAreSentUnlessTheRequestSetsItsOwn() {
        client.get("/who").send().assertText("http://testserver core gyre-test");
        client.get("/who").header("X-Team", "web").send().assertText("http://testserver web gyre-test");
    }

    @Test
    void theBaseUrlSetsTheSchemeAndHostTheAppSees() {
        try (TestClient https = TestClient.builder(WebApp.builder("Echo", "1").routes(Echo.class).build())
                .baseUrl("https://shop.example:8443").open()) {
            https.get("/who").header("X-Team", "t").send().assertText("https://shop.example:8443 t -");
        }
        assertThatThrownBy(() -> TestClient.builder(WebApp.builder("Echo", "1").build()).baseUrl("https://x/api"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no path");
        assertThatThrownBy(() -> TestClient.builder(WebApp.builder("Echo", "1").build()).baseUrl("ftp://x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http or https");
    }

    @Test
    void formFieldsAreSentUrlEncoded() {
        client.post("/login").form("username", "ann lee&co").form("role", "a").form("role", "b=c").send()
                .assertStatus(200).assertText("ann lee&co:[a, b=c]");
    }

    @Test
    void filesAndFieldsAreSentAsMultipart() {
        client.post("/upload").form("title", "report").file("file", "r \"1\".csv", "text/csv", "a,b\n".getBytes(
                StandardCharsets.UTF_8)).send().assertStatus(200).assertText("report:r %221%22.csv:text/csv:a,b\n");
    }

    @Test
    void aRawBodyIsSentWithItsContentType() {
        client.post("/raw").body("<x/>".getBytes(StandardCharsets.UTF_8), "application/xml").send()
                .assertText("application/xml:<x/>");
        client.post("/raw").json(Map.of("a", 1)).send().assertText("application/json:{\"a\":1}");
    }

    @Test
    void aRequestHasOneKindOfBody() {
        assertThatThrownBy(() -> client.post("/raw").json(1).form("a", "b")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("POST /raw").hasMessageContaining("one body");
        assertThatThrownBy(() -> client.post("/raw").file("f", "f", "text/plain", new byte[0]).jsonText("{}"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("one body");
        assertThat(client.post("/raw").send().text()).isEqualTo("-:");
    }
}
