package io.gyre.testing.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.gyre.testing.LiveServer;
import io.gyre.testing.TestClient;
import io.gyre.web.GZip;
import io.gyre.web.Get;
import io.gyre.web.Routes;
import io.gyre.web.WebApp;
import io.gyre.web.WebResponse;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * GZip against RFC 9110's {@code Accept-Encoding} (quality values, {@code *}, {@code x-gzip}),
 * {@code Vary}, and streamed bodies.
 */
class GZipTest {
    static volatile CountDownLatch secondChunk = new CountDownLatch(1);

    @Routes
    public static final class Pages {
        @Get("/big")
        public String big() {
            return "x".repeat(2000);
        }

        @Get("/small")
        public String small() {
            return "tiny";
        }

        @Get("/encoded")
        public WebResponse encoded() {
            return WebResponse.of(200).header("Content-Encoding", "br").text("y".repeat(2000));
        }

        @Get("/media")
        public WebResponse media(String type) {
            return WebResponse.of(200).bytes("z".repeat(2000).getBytes(StandardCharsets.UTF_8), type);
        }

        @Get("/empty")
        public WebResponse empty() {
            return WebResponse.noContent();
        }

        @Get("/slow")
        public WebResponse slow() {
            return WebResponse.stream("text/plain", out -> {
                out.write("a".repeat(100).getBytes(StandardCharsets.UTF_8));
                out.flush();
                if (!secondChunk.await(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test never asked for the second chunk");
                }
                out.write("b".repeat(100).getBytes(StandardCharsets.UTF_8));
            });
        }
    }

    private static WebApp app() {
        return WebApp.builder("Gzip", "1").routes(Pages.class).middleware(GZip.create(500, 6)).build();
    }

    @Test
    void acceptEncodingIsReadWithItsQualityValues() {
        try (TestClient client = TestClient.open(app())) {
            for (String accepted : new String[] {"gzip", "GZIP;Q=1", "gzip;q=0.5", "br;q=1, gzip;q=0.001", "*", "br, *;q=0.1", "x-gzip"}) {
                client.get("/big").header("Accept-Encoding", accepted).send()
                        .assertHeader("Content-Encoding", "gzip");
            }
            for (String refused : new String[] {"identity", "gzip;q=0", "gzip;q=0.000", "*;q=0", "gzip;q=0, *", "br", ""}) {
                client.get("/big").header("Accept-Encoding", refused).send()
                        .assertNoHeader("Content-Encoding").assertText("x".repeat(2000));
            }
        }
    }

    @Test
    void varyIsSentOnEveryResponseWhoseEncodingDependsOnAcceptEncoding() {
        try (TestClient client = TestClient.open(app())) {
            client.get("/big").send().assertNoHeader("Content-Encoding").assertHeader("Vary", "Accept-Encoding");
            client.get("/small").header("Accept-Encoding", "gzip").send().assertNoHeader("Vary");
            client.get("/empty").header("Accept-Encoding", "gzip").send().assertStatus(204).assertNoHeader("Vary");
        }
    }

    @Test
    void aBodyTheRouteAlreadyEncodedIsLeftAlone() {
        try (TestClient client = TestClient.open(app())) {
            client.get("/encoded").header("Accept-Encoding", "gzip").send()
                    .assertHeader("Content-Encoding", "br").assertHeader("Content-Length", "2000");
        }
    }

    @Test
    void mediaThatIsCompressedAlreadyIsSentAsItIsWithoutVary() {
        try (TestClient client = TestClient.open(app())) {
            for (String type : new String[] {"image/png", "IMAGE/JPEG", "image/webp", "video/mp4", "audio/mpeg",
                    "font/woff2", "application/zip", "application/gzip", "application/pdf; x=1"}) {
                client.get("/media").query("type", type).header("Accept-Encoding", "gzip").send()
                        .assertNoHeader("Content-Encoding").assertNoHeader("Vary").assertHeader("Content-Length", "2000");
            }
            for (String type : new String[] {"image/svg+xml", "application/json", "text/css; charset=utf-8",
                    "application/octet-stream"}) {
                client.get("/media").query("type", type).header("Accept-Encoding", "gzip").send()
                        .assertHeader("Content-Encoding", "gzip").assertHeader("Vary", "Accept-Encoding");
            }
        }
    }

    @Test
    void headAnswersWithTheHeadersOfTheCompressedGet() {
        try (TestClient client = TestClient.open(app())) {
            var get = client.get("/big").header("Accept-Encoding", "gzip").send().assertHeader("Content-Encoding", "gzip");
            var head = client.request("HEAD", "/big").header("Accept-Encoding", "gzip").send()
                    .assertHeader("Content-Encoding", "gzip").assertHeader("Vary", "Accept-Encoding");
            assertThat(head.header("Content-Length")).isEqualTo(get.header("Content-Length"));
            assertThat(head.bytes()).isEmpty();
        }
    }

    @Test
    void aStreamedBodyReachesTheClientChunkByChunk() throws Exception {
        secondChunk = new CountDownLatch(1);
        try (LiveServer server = LiveServer.start(app())) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(server.uri("/slow"))
                    .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
            try (InputStream in = new GZIPInputStream(response.body())) {
                byte[] first = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> in.readNBytes(100));
                assertThat(new String(first, StandardCharsets.UTF_8)).isEqualTo("a".repeat(100));
                secondChunk.countDown();
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("b".repeat(100));
            }
        }
    }
}
