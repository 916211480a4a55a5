package io.gyre.testing.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.gyre.testing.LiveServer;
import io.gyre.web.StaticFiles;
import io.gyre.web.WebApp;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * StaticFiles over a real socket, with request targets that HTTP clients would normalize
 * before sending: they are written to the socket as they are.
 */
class StaticFilesRawPathsTest {
    @TempDir
    static Path dir;
    static Path root;
    static LiveServer server;
    static LiveServer proxied;

    /** A response read off the socket. */
    record Raw(int status, Map<String, String> headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    @BeforeAll
    static void start() throws IOException {
        root = Files.createDirectories(dir.resolve("public"));
        Files.writeString(root.resolve("a.txt"), "public text");
        Files.writeString(root.resolve("with space é.txt"), "spaced");
        Files.writeString(root.resolve("a\\b.txt"), "backslashed");
        Files.createDirectories(root.resolve("docs"));
        Files.writeString(root.resolve("docs/index.html"), "<h1>docs</h1>");
        Files.writeString(dir.resolve("secret.txt"), "top secret");
        WebApp app = WebApp.builder("Static", "1").mount("/static", StaticFiles.directory(root).html(true)).build();
        server = LiveServer.start(app);
        WebApp behindProxy = WebApp.builder("Static", "1").mount("/static", StaticFiles.directory(root).html(true)).build();
        proxied = LiveServer.builder(behindProxy).configure(c -> c.rootPath("/proxy")).start();
    }

    @AfterAll
    static void stop() {
        server.close();
        proxied.close();
    }

    static Raw send(LiveServer to, String method, String target) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", to.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write((method + " " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] all = in.readAllBytes();
            int end = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String[] lines = new String(all, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
            }
            byte[] body = java.util.Arrays.copyOfRange(all, end + 4, all.length);
            return new Raw(Integer.parseInt(lines[0].split(" ")[1]), headers, body);
        }
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("no end of head in " + new String(data, StandardCharsets.ISO_8859_1));
    }

    @Test
    void traversalAndOddPathsAreRefusedWith404() throws IOException {
        String[] targets = {
            "/static/../secret.txt", "/static/%2e%2e/secret.txt", "/static/%2E%2E/secret.txt",
            "/static/docs/../../secret.txt", "/static/docs/%2e%2e/%2e%2e/secret.txt", "/static/..%2fsecret.txt",
            "/static/%2e%2e%2fsecret.txt", "/static/docs%2f..%2f..%2fsecret.txt", "/static/..\\secret.txt",
            "/static/..%5csecret.txt", "/static/%5c..%5csecret.txt", "/static/a.txt%00.png", "/static/a.txt%00",
            "//static/../secret.txt", "/static//etc/passwd", "/static/%2fetc%2fpasswd", "/static/%2Fetc/passwd",
            "/static/" + dir.resolve("secret.txt"), "/static/./a.txt", "/static/docs/./index.html",
            "/static/a.txt/", "/static//a.txt", "/static/%ff.txt", "/static/a%5Cb.txt", "/static/a\\b.txt", "/static/%2e",
        };
        for (String target : targets) {
            Raw reply = send(server, "GET", target);
            assertThat(reply.status()).as(target).isEqualTo(404);
            assertThat(reply.text()).as(target).doesNotContain("top secret").doesNotContain("public text");
        }
    }

    @Test
    void namesWithSpacesAndUnicodeAreServed() throws IOException {
        Raw reply = send(server, "GET", "/static/with%20space%20%C3%A9.txt");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.text()).isEqualTo("spaced");
        assertThat(reply.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
    }

    @Test
    void headSendsTheHeadersAndNoBody() throws IOException {
        Raw reply = send(server, "HEAD", "/static/a.txt?cache=bust");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Content-Length")).isEqualTo("11");
        assertThat(reply.header("ETag")).isNotNull();
        assertThat(reply.body()).isEmpty();
    }

    @Test
    void aDirectoryWithoutItsSlashRedirectsUnderTheMountAndTheRootPath() throws IOException {
        Raw direct = send(server, "GET", "/static/docs?x=1");
        assertThat(direct.status()).isEqualTo(307);
        assertThat(direct.header("Location")).isEqualTo("/static/docs/?x=1");
        Raw viaProxy = send(proxied, "GET", "/static/docs");
        assertThat(viaProxy.status()).isEqualTo(307);
        assertThat(viaProxy.header("Location")).isEqualTo("/proxy/static/docs/");
        assertThat(send(proxied, "GET", "/static/docs/").text()).isEqualTo("<h1>docs</h1>");
    }

    @Test
    void aLargeFileIsStreamedWhole() throws IOException, NoSuchAlgorithmException {
        Path big = root.resolve("big.bin");
        byte[] block = new byte[1 << 20];
        new java.util.Random(7).nextBytes(block);
        MessageDigest expected = MessageDigest.getInstance("SHA-256");
        try (OutputStream out = Files.newOutputStream(big)) {
            for (int i = 0; i < 24; i++) {
                block[0] = (byte) i;
                out.write(block);
                expected.update(block);
            }
        }
        Raw reply = send(server, "GET", "/static/big.bin");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Content-Length")).isEqualTo(Long.toString(24L << 20));
        assertThat(MessageDigest.getInstance("SHA-256").digest(reply.body())).isEqualTo(expected.digest());
        Files.delete(big);
    }
}
