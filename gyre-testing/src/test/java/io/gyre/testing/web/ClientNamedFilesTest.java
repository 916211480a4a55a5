package io.gyre.testing.web;

import io.gyre.testing.TestClient;
import io.gyre.web.Get;
import io.gyre.web.Routes;
import io.gyre.web.WebApp;
import io.gyre.web.WebResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientNamedFilesTest {
    @TempDir
    static Path dir;
    static Path root;
    static TestClient client;

    @Routes
    public static final class Downloads {
        @Get("/plain/{name}")
        public WebResponse plain(String name) {
            return WebResponse.file(root.resolve(name));
        }

        @Get("/safe/{rest:path}")
        public WebResponse safe(String rest) {
            return WebResponse.file(root, rest);
        }
    }

    @BeforeAll
    static void open() throws IOException {
        root = Files.createDirectories(dir.resolve("public"));
        Files.createDirectories(root.resolve("docs"));
        Files.writeString(root.resolve("docs/guide.txt"), "guide");
        Files.writeString(root.resolve("top.txt"), "top");
        Files.writeString(dir.resolve("secret.txt"), "secret");
        Files.createSymbolicLink(root.resolve("leak.txt"), dir.resolve("secret.txt"));
        client = TestClient.open(WebApp.builder("Files", "1").routes(Downloads.class).build());
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @Test
    void anEncodedSlashDoesNotFitAOneSegmentParameter() {
        client.get("/plain/top.txt").send().assertStatus(200).assertText("top");
        client.get("/plain/..%2Fsecret.txt").send().assertStatus(404);
        client.get("/plain/docs%2Fguide.txt").send().assertStatus(404);
    }

    @Test
    void aFileUnderTheRootIsServed() {
        client.get("/safe/docs/guide.txt").send().assertStatus(200)
                .assertHeader("Content-Type", "text/plain; charset=utf-8").assertText("guide");
        client.get("/safe/docs%2Fguide.txt").send().assertStatus(200).assertText("guide");
        client.get("/safe/docs/missing.txt").send().assertStatus(404);
    }

    @Test
    void dotSegmentsAndEncodedSlashesThatLeaveTheRootAre404() {
        client.get("/safe/../secret.txt").send().assertStatus(404).assertJson("/detail", "File not found");
        client.get("/safe/docs/../../secret.txt").send().assertStatus(404);
        client.get("/safe/..%2Fsecret.txt").send().assertStatus(404);
        client.get("/safe/docs%2F..%2F..%2Fsecret.txt").send().assertStatus(404);
    }

    @Test
    void absolutePathsNulsAndLinksOutOfTheRootAre404() {
        client.get("/safe/" + dir.resolve("secret.txt").toString().replace("/", "%2F")).send().assertStatus(404);
        client.get("/safe/" + dir.resolve("secret.txt")).send().assertStatus(404);
        client.get("/safe/top.txt%00.png").send().assertStatus(404);
        client.get("/safe/leak.txt").send().assertStatus(404);
    }
}
