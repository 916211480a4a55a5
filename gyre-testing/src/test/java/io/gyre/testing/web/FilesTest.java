package io.gyre.testing.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.gyre.testing.TestClient;
import io.gyre.web.Get;
import io.gyre.web.Routes;
import io.gyre.web.WebApp;
import io.gyre.web.WebResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FilesTest {
    static Path dir;
    static TestClient client;

    @Routes
    public static final class Downloads {
        @Get("/files/{name}")
        public WebResponse file(String name) {
            return WebResponse.file(dir, name);
        }
    }

    @BeforeAll
    static void open() throws IOException {
        dir = Files.createTempDirectory("gyre-files");
        Files.writeString(dir.resolve("digits.txt"), "0123456789");
        client = TestClient.open(WebApp.builder("Files", "1").routes(Downloads.class).build());
    }

    @AfterAll
    static void close() throws IOException {
        client.close();
        try (var files = Files.list(dir)) {
            files.forEach(f -> {
                try {
                    Files.delete(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        Files.delete(dir);
    }

    @Test
    void wholeFileHasTypeValidatorsAndRangeSupport() {
        var response = client.get("/files/digits.txt").send().assertStatus(200)
                .assertHeader("Content-Type", "text/plain; charset=utf-8").assertHeader("Accept-Ranges", "bytes")
                .assertText("0123456789");
        assertThat(response.header("ETag")).isPresent();
        assertThat(response.header("Last-Modified")).isPresent();
    }

    @Test
    void matchingEtagOrDateGives304() {
        var first = client.get("/files/digits.txt").send();
        String etag = first.header("ETag").orElseThrow();
        client.get("/files/digits.txt").header("If-None-Match", etag).send().assertStatus(304);
        assertThat(client.get("/files/digits.txt").header("If-None-Match", etag).send().bytes()).isEmpty();
        client.get("/files/digits.txt").header("If-Modified-Since", first.header("Last-Modified").orElseThrow())
                .send().assertStatus(304);
        client.get("/files/digits.txt").header("If-None-Match", "\"other\"").send().assertStatus(200);
    }

    @Test
    void byteRangesGive206() {
        client.get("/files/digits.txt").header("Range", "bytes=2-4").send().assertStatus(206)
                .assertHeader("Content-Range", "bytes 2-4/10").assertText("234");
        client.get("/files/digits.txt").header("Range", "bytes=-3").send().assertStatus(206).assertText("789");
        client.get("/files/digits.txt").header("Range", "bytes=7-").send().assertStatus(206).assertText("789");
    }

    @Test
    void unsatisfiableRangeIs416AndMultipleRangesServeTheWholeFile() {
        client.get("/files/digits.txt").header("Range", "bytes=20-30").send().assertStatus(416)
                .assertHeader("Content-Range", "bytes */10");
        client.get("/files/digits.txt").header("Range", "bytes=0-1,4-5").send().assertStatus(200)
                .assertText("0123456789");
    }

    @Test
    void staleIfRangeServesTheWholeFile() {
        client.get("/files/digits.txt").header("Range", "bytes=0-1").header("If-Range", "\"stale\"").send()
                .assertStatus(200);
    }

    @Test
    void missingFileIs404() {
        client.get("/files/nope.txt").send().assertStatus(404);
    }
}
