package io.gyre.testing.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gyre.runtime.RunnerConfig;
import io.gyre.server.BackgroundServer;
import io.gyre.web.Form;
import io.gyre.web.Post;
import io.gyre.web.Routes;
import io.gyre.web.UploadedFile;
import io.gyre.web.WebApp;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every temporary file of an upload is deleted once its request is over, however it ended: the
 * handler returned or threw, another field failed validation, the body broke the server's limit,
 * or the client left in the middle of a file. Checked in the spool directory itself.
 */
class UploadCleanupTest {
    static final AtomicReference<UploadedFile> SEEN = new AtomicReference<>();

    @Routes
    public static final class Uploads {
        @Post("/keep")
        public String keep(UploadedFile file) {
            SEEN.set(file);
            return file.filename().orElse("?") + ":" + file.size() + ":" + file.onDisk();
        }

        @Post("/throw")
        public String fail(UploadedFile file) {
            SEEN.set(file);
            throw new IllegalStateException("the handler failed after reading " + file.size() + " bytes");
        }

        @Post("/count")
        public String count(@Form int n, UploadedFile file) {
            SEEN.set(file);
            return n + ":" + file.size();
        }
    }

    static BackgroundServer running;
    static final Path SPOOL = Path.of(System.getProperty("java.io.tmpdir"));
    /** The spooled files that existed before a test (other processes may leave theirs). */
    Set<Path> before;

    @BeforeAll
    static void start() {
        WebApp app = WebApp.builder("Cleanup", "1").routes(Uploads.class).uploadMemoryThreshold(16).build();
        running = app.server().host("127.0.0.1").port(0).configure(c -> c.maxBodyBytes(64 * 1024)).build()
                .runInBackground(RunnerConfig.builder().name("upload-cleanup").loops(1).handleSignals(false)
                        .shutdownGrace(Duration.ofSeconds(2)).build());
    }

    @AfterAll
    static void stop() {
        running.requestShutdown("test finished");
        if (running.awaitExit(Duration.ofSeconds(30)).isEmpty()) {
            throw new AssertionError("the server did not stop within 30 s: " + running.dump().text());
        }
        running.close();
    }

    @BeforeEach
    void snapshot() throws IOException {
        before = spooled();
        SEEN.set(null);
    }

    static Set<Path> spooled() throws IOException {
        try (Stream<Path> files = Files.list(SPOOL)) {
            return files.filter(p -> p.getFileName().toString().startsWith("gyre-upload-")).collect(Collectors.toSet());
        }
    }

    /** Spooled files this test created that still exist. */
    Set<Path> leftovers() throws IOException {
        Set<Path> now = new HashSet<>(spooled());
        now.removeAll(before);
        return now;
    }

    /**
     * Polls until spooled files of this test exist or not: no event tells the client when the
     * cleanup, which runs once the response was sent or the client left, is done.
     */
    void awaitLeftovers(boolean expectSome) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (leftovers().isEmpty() == expectSome && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(leftovers().isEmpty()).as("spooled files left: %s", leftovers()).isEqualTo(!expectSome);
    }

    static String filePart(String name, String content) {
        return "--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name + "\"\r\n\r\n" + content + "\r\n";
    }

    static String post(String path, String body) {
        return "POST " + path + " HTTP/1.1\r\nHost: test\r\nConnection: close\r\nContent-Type: multipart/form-data;"
                + " boundary=B\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    static String exchange(String request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", running.port()), 10_000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aPathInTheFilenameIsReportedAsSentAndNothingIsWrittenOutsideTheSpool() throws Exception {
        for (String name : new String[] {"../../etc/passwd", "C:\\x\\y.txt"}) {
            String reply = exchange(post("/keep", filePart(name, "z".repeat(100)) + "--B--\r\n"));
            assertThat(reply).startsWith("HTTP/1.1 200 ").endsWith(name + ":100:true");
            assertThatThrownBy(() -> SEEN.get().open()).as("deleted after the response").isInstanceOf(IOException.class);
        }
        awaitLeftovers(false); // deleted right after the response was sent
    }

    @Test
    void theFileIsDeletedWhenTheHandlerThrows() throws Exception {
        assertThat(exchange(post("/throw", filePart("a.txt", "z".repeat(100)) + "--B--\r\n"))).startsWith("HTTP/1.1 500 ");
        assertThat(SEEN.get().onDisk()).isTrue();
        awaitLeftovers(false); // deleted right after the response was sent
    }

    @Test
    void theFileIsDeletedWhenAnotherFieldFailsValidation() throws Exception {
        String body = "--B\r\nContent-Disposition: form-data; name=\"n\"\r\n\r\nNaN\r\n" + filePart("a.txt", "z".repeat(100))
                + "--B--\r\n";
        assertThat(exchange(post("/count", body))).startsWith("HTTP/1.1 422 ").contains("\"loc\":[\"body\",\"n\"]");
        assertThat(SEEN.get()).as("the handler did not run").isNull();
        awaitLeftovers(false); // deleted right after the response was sent
    }

    @Test
    void theFileIsDeletedWhenTheBodyBreaksTheServersLimit() throws Exception {
        String part = "--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big\"\r\n\r\n" + "z".repeat(70 * 1024);
        String request = "POST /keep HTTP/1.1\r\nHost: test\r\nConnection: close\r\nContent-Type: multipart/form-data;"
                + " boundary=B\r\nTransfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(part.length()) + "\r\n" + part
                + "\r\n0\r\n\r\n";
        assertThat(exchange(request)).startsWith("HTTP/1.1 413 ");
        awaitLeftovers(false); // deleted right after the response was sent
    }

    @Test
    void theFileIsDeletedWhenTheClientLeavesInTheMiddleOfIt() throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", running.port()), 10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /keep HTTP/1.1\r\nHost: test\r\nContent-Type: multipart/form-data; boundary=B\r\n"
                    + "Content-Length: 60000\r\n\r\n--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a\"\r\n\r\n"
                    + "z".repeat(30_000)).getBytes(StandardCharsets.UTF_8));
            out.flush();
            awaitLeftovers(true); // the part is being spooled
        }
        awaitLeftovers(false);
        assertThat(SEEN.get()).isNull();
    }

    @Test
    void theServerKeepsServingUploadsAfterwards() throws Exception {
        assertThat(exchange(post("/keep", filePart("ok.bin", "q".repeat(40)) + "--B--\r\n"))).endsWith("ok.bin:40:true");
        assertThatThrownBy(() -> SEEN.get().open()).as("deleted after the response").isInstanceOf(IOException.class);
        awaitLeftovers(false); // deleted right after the response was sent
    }
}
