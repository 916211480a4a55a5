package io.gyre.testing.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.gyre.testing.TestClient;
import io.gyre.testing.TestResponse;
import io.gyre.web.Cors;
import io.gyre.web.GZip;
import io.gyre.web.Get;
import io.gyre.web.Routes;
import io.gyre.web.StaticFiles;
import io.gyre.web.WebApp;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** StaticFiles mounted in an app, through the in-process test client. */
class StaticFilesTest {
    @TempDir
    Path root;

    @Routes
    public static final class Api {
        @Get("/api/hello")
        public String hello() {
            return "hello";
        }
    }

    @BeforeEach
    void files() throws IOException {
        Files.writeString(root.resolve("app.css"), "body { color: red }\n".repeat(100));
        Files.writeString(root.resolve("index.html"), "<h1>home</h1>");
        Files.writeString(root.resolve("404.html"), "<h1>lost</h1>");
        Files.createDirectories(root.resolve("docs"));
        Files.writeString(root.resolve("docs/index.html"), "<h1>docs</h1>");
        Files.createDirectories(root.resolve("empty"));
        Files.write(root.resolve("data.bin"), new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
    }

    private static WebApp app(StaticFiles files) {
        return WebApp.builder("Static", "1").routes(Api.class).mount("/static", files).build();
    }

    @Test
    void aFileIsServedWithItsTypeValidatorsAndLengthAndTheQueryIsIgnored() {
        try (TestClient client = TestClient.open(app(StaticFiles.directory(root)))) {
            TestResponse css = client.get("/static/app.css?v=3").send().assertStatus(200)
                    .assertHeader("Content-Type", "text/css; charset=utf-8")
                    .assertHeader("Content-Length", "2000").assertHeader("Accept-Ranges", "bytes");
            assertThat(css.text()).startsWith("body { color: red }");
            assertThat(css.header("ETag")).isPresent();
            assertThat(css.header("Last-Modified")).isPresent();
            assertThat(client.get("/static/data.bin").send().assertHeader("Content-Type", "application/octet-stream")
                    .bytes()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
            client.get("/api/hello").send().assertText("hello");
        }
    }

    @Test
    void headAnswersWithTheSameHeadersAndNoBody() {
        try (TestClient client = TestClient.open(app(StaticFiles.directory(root)))) {
            TestResponse get = client.get("/static/app.css").send();
            TestResponse head = client.request("HEAD", "/static/app.css").send().assertStatus(200)
                    .assertHeader("Content-Length", "2000").assertHeader("Content-Type", "text/css; charset=utf-8");
            assertThat(head.header("ETag")).isEqualTo(get.header("ETag"));
            assertThat(head.bytes()).isEmpty();
        }
    }

    @Test
    void otherMethodsAre405WithAllow() {
        try (TestClient client = TestClient.open(app(StaticFiles.directory(root)))) {
            for (String method : new String[] {"POST", "PUT", "DELETE", "PATCH", "OPTIONS"}) {
                client.request(method, "/static/app.css").send().assertStatus(405).assertHeader("Allow", "GET, HEAD")
                        .assertJson("/detail", "Method Not Allowed");
            }
        }
    }

    @Test
    void conditionalRequestsAnswer304() {
        try (TestClient client = TestClient.open(app(StaticFiles.directory(root)))) {
            TestResponse first = client.get("/static/app.css").send();
            String etag = first.header("ETag").orElseThrow();
            String modified = first.header("Last-Modified").orElseThrow();
            TestResponse notModified = client.get("/static/app.css").header("If-None-Match", etag).send().assertStatus(304)
                    .assertHeader("ETag", etag);
            assertThat(notModified.bytes()).isEmpty();
            client.get("/static/app.css").header("If-None-Match", "\"other\", W/" + etag).send().assertStatus(304);
            client.get("/static/app.css").header("If-Modified-Since", modified).send().assertStatus(304);
            client.get("/static/app.css").header("If-None-Match", "\"other\"").send().assertStatus(200);
            client.get("/static/app.css").header("If-Modified-Since", "Thu, 01 Jan 1970 00:00:00 GMT").send()
                    .assertStatus(200);
        }
    }

    @Test
    void rangesAnswer206Or416() {
        try (TestClient client = TestClient.open(app(StaticFiles.directory(root)))) {
            TestResponse part = client.get("/static/data.bin").header("Range", "bytes=2-4").send().assertStatus(206)
                    .assertHeader("Content-Range", "bytes 2-4/10").assertHeader("Content-Length", "3");
            assertThat(part.bytes()).containsExactly(2, 3, 4);
            assertThat(client.get("/static/data.bin").header("Range", "bytes=-2").send().assertStatus(206).bytes())
                    .containsExactly(8, 9);
            client.get("/static/data.bin").header("Range", "bytes=10-").send().assertStatus(416)
                    .assertHeader("Content-Range", "bytes */10");
        }
    }

    @Test
    void withoutHtmlADirectoryIs404AndTheRootToo() {
        try (TestClient client = TestClient.open(app(StaticFiles.directory(root)))) {
            client.get("/static/docs").send().assertStatus(404).assertJson("/detail", "Not Found");
            client.get("/static/docs/").send().assertStatus(404);
            client.get("/static/").send().assertStatus(404);
            client.get("/static").send().assertStatus(404);
            client.get("/static/missing.css").send().assertStatus(404).assertJson("/detail", "Not Found");
        }
    }

    @Test
    void inHtmlModeADirectoryServesItsIndexAndRedirectsToItsSlash() {
        try (TestClient client = TestClient.open(app(StaticFiles.directory(root).html(true)))) {
            client.get("/static/docs/").send().assertStatus(200).assertHeader("Content-Type", "text/html; charset=utf-8")
                    .assertText("<h1>docs</h1>");
            client.get("/static/").send().assertStatus(200).assertText("<h1>home</h1>");
            client.get("/static/docs?lang=en").send().assertStatus(307).assertHeader("Location", "/static/docs/?lang=en");
            client.get("/static").send().assertStatus(307).assertHeader("Location", "/static/");
        }
    }

    @Test
    void inHtmlModeAMissFindsThe404PageWithStatus404AndNoValidatorShortcut() {
        try (TestClient client = TestClient.open(app(StaticFiles.directory(root).html(true)))) {
            TestResponse page = client.get("/static/missing.css").send().assertStatus(404)
                    .assertHeader("Content-Type", "text/html; charset=utf-8").assertText("<h1>lost</h1>");
            String etag = page.header("ETag").orElseThrow();
            // the page's validator must not turn a miss into a 304, nor a Range into a 206
            client.get("/static/other.css").header("If-None-Match", etag).send().assertStatus(404).assertText("<h1>lost</h1>");
            client.get("/static/other.css").header("Range", "bytes=0-1").send().assertStatus(404).assertText("<h1>lost</h1>");
            // a directory without an index.html is a miss too
            client.get("/static/empty/").send().assertStatus(404).assertText("<h1>lost</h1>");
            client.get("/static/empty").send().assertStatus(404).assertText("<h1>lost</h1>");
        }
    }

    @Test
    void inHtmlModeWithoutA404PageAMissIsTheApps404() throws IOException {
        Files.delete(root.resolve("404.html"));
        try (TestClient client = TestClient.open(app(StaticFiles.directory(root).html(true)))) {
            client.get("/static/missing.css").send().assertStatus(404).assertJson("/detail", "Not Found");
        }
    }

    @Test
    void aFileRemovedBetweenRequestsIs404() throws IOException {
        try (TestClient client = TestClient.open(app(StaticFiles.directory(root)))) {
            client.get("/static/data.bin").send().assertStatus(200);
            Files.delete(root.resolve("data.bin"));
            client.get("/static/data.bin").send().assertStatus(404);
        }
    }

    @Test
    void theAppsMiddlewareWrapsTheFiles() throws IOException {
        WebApp app = WebApp.builder("Static", "1")
                .middleware(Cors.builder().allowOrigins("https://app.example").build())
                .middleware(GZip.create())
                .mount("/static", StaticFiles.directory(root)).build();
        try (TestClient client = TestClient.open(app)) {
            TestResponse whole = client.get("/static/app.css").header("Origin", "https://app.example")
                    .header("Accept-Encoding", "gzip").send().assertStatus(200)
                    .assertHeader("Access-Control-Allow-Origin", "https://app.example")
                    .assertHeader("Content-Encoding", "gzip");
            try (var in = new GZIPInputStream(new ByteArrayInputStream(whole.bytes()))) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).startsWith("body { color: red }");
            }
            TestResponse part = client.get("/static/app.css").header("Origin", "https://app.example")
                    .header("Accept-Encoding", "gzip").header("Range", "bytes=0-3").send().assertStatus(206)
                    .assertHeader("Access-Control-Allow-Origin", "https://app.example").assertNoHeader("Content-Encoding");
            assertThat(part.text()).isEqualTo("body");
            client.get("/static/missing").header("Origin", "https://app.example").send().assertStatus(404)
                    .assertHeader("Access-Control-Allow-Origin", "https://app.example");
        }
    }

    @Test
    void theMountIsNotInTheOpenApiDocument() {
        try (TestClient client = TestClient.open(app(StaticFiles.directory(root).html(true)))) {
            TestResponse doc = client.get("/openapi.json").send().assertStatus(200);
            assertThat(doc.json().path("paths").has("/api/hello")).isTrue();
            assertThat(doc.text()).doesNotContain("/static");
        }
    }
}
