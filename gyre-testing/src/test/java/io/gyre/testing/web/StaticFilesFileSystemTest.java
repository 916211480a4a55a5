package io.gyre.testing.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.gyre.runtime.RunnerConfig;
import io.gyre.server.BackgroundServer;
import io.gyre.server.HttpServer;
import io.gyre.testing.TestClient;
import io.gyre.web.StaticFiles;
import io.gyre.web.WebApp;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** StaticFiles and the file system: links, special files, permissions, a missing directory. */
class StaticFilesFileSystemTest {
    @TempDir
    Path dir;
    Path root;

    @BeforeEach
    void files() throws IOException {
        root = Files.createDirectories(dir.resolve("public"));
        Files.writeString(root.resolve("guide.md"), "# guide");
        Files.writeString(dir.resolve("secret.txt"), "top secret");
    }

    private static WebApp app(StaticFiles files) {
        return WebApp.builder("Static", "1").mount("/static", files).build();
    }

    private void links() throws IOException {
        try {
            Files.createSymbolicLink(root.resolve("leak.txt"), dir.resolve("secret.txt"));
            Files.createSymbolicLink(root.resolve("outside"), dir);
            Files.createSymbolicLink(root.resolve("latest.md"), root.resolve("guide.md"));
        } catch (UnsupportedOperationException | FileSystemException e) {
            assumeThat(false).as("symbolic links are not available here: " + e).isTrue();
        }
    }

    @Test
    void aLinkLeadingOutIsRefusedAndOneInsideIsServedWithTheTypeOfItsName() throws IOException {
        links();
        try (TestClient client = TestClient.open(app(StaticFiles.directory(root)))) {
            client.get("/static/leak.txt").send().assertStatus(404);
            client.get("/static/outside/secret.txt").send().assertStatus(404);
            client.get("/static/latest.md").send().assertStatus(200).assertHeader("Content-Type", "text/markdown; charset=utf-8")
                    .assertText("# guide");
        }
    }

    @Test
    void followSymlinksServesLinksLeadingOutButNeverDotDot() throws IOException {
        links();
        try (TestClient client = TestClient.open(app(StaticFiles.directory(root).followSymlinks(true)))) {
            client.get("/static/leak.txt").send().assertStatus(200).assertText("top secret");
            client.get("/static/outside/secret.txt").send().assertStatus(200).assertText("top secret");
            client.get("/static/%2e%2e/secret.txt").send().assertStatus(404);
        }
    }

    @Test
    void theDirectoryMayItselfBeALink() throws IOException {
        Path link = dir.resolve("current");
        try {
            Files.createSymbolicLink(link, root);
        } catch (UnsupportedOperationException | FileSystemException e) {
            assumeThat(false).as("symbolic links are not available here: " + e).isTrue();
        }
        try (TestClient client = TestClient.open(app(StaticFiles.directory(link)))) {
            client.get("/static/guide.md").send().assertStatus(200).assertText("# guide");
        }
    }

    @Test
    void aFifoIs404AndNeverOpened() throws IOException, InterruptedException {
        Path fifo = root.resolve("pipe.txt");
        int exit;
        try {
            exit = new ProcessBuilder("mkfifo", fifo.toString()).redirectErrorStream(true).start().waitFor();
        } catch (IOException e) {
            exit = -1;
        }
        assumeThat(exit).as("mkfifo is not available here").isZero();
        try (TestClient client = TestClient.open(app(StaticFiles.directory(root).html(true)), Duration.ofSeconds(10))) {
            client.get("/static/pipe.txt").send().assertStatus(404);
            client.request("HEAD", "/static/pipe.txt").send().assertStatus(404);
        }
    }

    @Test
    void aDeviceReachedThroughAFollowedLinkIs404() throws IOException {
        Path device = Path.of("/dev/zero");
        assumeThat(Files.exists(device)).as("no /dev/zero here").isTrue();
        try {
            Files.createSymbolicLink(root.resolve("zero.bin"), device);
        } catch (UnsupportedOperationException | FileSystemException e) {
            assumeThat(false).as("symbolic links are not available here: " + e).isTrue();
        }
        try (TestClient client = TestClient.open(app(StaticFiles.directory(root).followSymlinks(true)), Duration.ofSeconds(10))) {
            client.get("/static/zero.bin").send().assertStatus(404);
        }
    }

    @Test
    void anUnreadableFileIs404() throws IOException {
        Path locked = root.resolve("locked.txt");
        Files.writeString(locked, "locked");
        try {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        } catch (UnsupportedOperationException e) {
            assumeThat(false).as("no POSIX permissions here").isTrue();
        }
        StaticFiles files = StaticFiles.directory(root);
        if (Files.isReadable(locked)) {
            // root reads any file it owns; a write-only kernel setting is unreadable even for root
            Path writeOnly = Path.of("/proc/sys/vm/compact_memory");
            assumeThat(Files.isRegularFile(writeOnly) && !Files.isReadable(writeOnly))
                    .as("this user reads any file and there is no write-only %s", writeOnly).isTrue();
            Files.delete(locked);
            Files.createSymbolicLink(locked, writeOnly);
            files = files.followSymlinks(true);
        }
        try (TestClient client = TestClient.open(app(files))) {
            client.get("/static/locked.txt").send().assertStatus(404);
        } finally {
            if (!Files.isSymbolicLink(locked)) {
                Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rw-------"));
            }
        }
    }

    @Test
    void aMissingDirectoryIsRefusedWithItsPathAndTheFix() {
        assertThatThrownBy(() -> StaticFiles.directory(dir.resolve("nope")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("StaticFiles directory '" + dir.resolve("nope").toAbsolutePath()
                        + "' does not exist; create it, or pass the path of the directory that holds the files");
        assertThatThrownBy(() -> StaticFiles.directory(Path.of("no-such-static-dir")))
                .hasMessageContaining("resolved against the working directory");
    }

    @Test
    void aFileForADirectoryIsRefusedWithItsPathAndTheFix() {
        assertThatThrownBy(() -> StaticFiles.directory(root.resolve("guide.md")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + root.resolve("guide.md") + "' is not a directory")
                .hasMessageContaining("WebResponse.file(Path)");
    }

    @Test
    void aDirectoryRemovedAfterStartAnswers404() throws IOException {
        StaticFiles files = StaticFiles.directory(root);
        Files.delete(root.resolve("guide.md"));
        Files.delete(root);
        try (TestClient client = TestClient.open(app(files))) {
            client.get("/static/guide.md").send().assertStatus(404);
        }
    }

    @Test
    void asAPlainHandlerItServesFilesAndAnswersErrorsAsText() throws IOException {
        try (BackgroundServer server = HttpServer.builder().handler(StaticFiles.directory(root)).host("127.0.0.1").port(0)
                .build().runInBackground(RunnerConfig.builder().name("static-test").loops(1).handleSignals(false)
                        .shutdownGrace(Duration.ofSeconds(2)).build())) {
            LiveFetch ok = LiveFetch.get(server.port(), "/guide.md", "");
            assertThat(ok.head()).startsWith("HTTP/1.1 200").contains("ETag: ");
            assertThat(ok.body()).isEqualTo("# guide");
            assertThat(LiveFetch.get(server.port(), "/guide.md", "Range: bytes=2-6\r\n").body()).isEqualTo("guide");
            LiveFetch missing = LiveFetch.get(server.port(), "/%2e%2e/secret.txt", "");
            assertThat(missing.head()).startsWith("HTTP/1.1 404");
            assertThat(missing.body()).isEqualTo("Not Found");
            server.requestShutdown("test finished");
            assertThat(server.awaitExit(Duration.ofSeconds(30))).isPresent();
        }
    }

    /** A GET over a raw socket, for the plain-handler case. */
    record LiveFetch(String head, String body) {
        static LiveFetch get(int port, String target, String headers) throws IOException {
            try (var socket = new java.net.Socket("127.0.0.1", port)) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                        + headers + "\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                String all = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                int end = all.indexOf("\r\n\r\n");
                return new LiveFetch(all.substring(0, end), all.substring(end + 4));
            }
        }
    }
}
