package io.gyre.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** HTTP over a Unix domain socket ({@code --uds}): requests, keep-alive, pipelining, WebSocket, proxy headers. */
@Timeout(30)
class UnixSocketServingTest {
    @TempDir
    static Path dir;
    static Path socket;
    static TestServer server;

    @BeforeAll
    static void start() {
        socket = dir.resolve("app.sock");
        server = TestServer.start(HttpServer.builder()
                .handler((rq, rs) -> rs.send(rq.path() + " from " + rq.remoteAddress().getAddress().getHostAddress()
                        + ":" + rq.remoteAddress().getPort() + " over " + rq.scheme()))
                .webSocket("/echo", WsRawClient.ECHO)
                .configure(c -> c.uds(socket.toString())));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aGetIsAnsweredOverTheSocketFileAndThePeerIsLoopback() throws Exception {
        assertThat(Files.getAttribute(socket, "unix:mode", java.nio.file.LinkOption.NOFOLLOW_LINKS))
                .satisfies(mode -> assertThat(((Integer) mode) & 0170000).isEqualTo(0140000));
        try (UnixClient c = new UnixClient(socket)) {
            UnixClient.Reply r = c.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n").read();
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("/hello from 127.0.0.1:0 over http");
        }
    }

    @Test
    void oneConnectionServesManyRequests() throws Exception {
        try (UnixClient c = new UnixClient(socket)) {
            for (int i = 0; i < 5; i++) {
                UnixClient.Reply r = c.send("GET /k" + i + " HTTP/1.1\r\nHost: x\r\n\r\n").read();
                assertThat(r.body()).startsWith("/k" + i + " ");
                assertThat(r.header("Connection")).isNull();
            }
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        try (UnixClient c = new UnixClient(socket)) {
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < 8; i++) {
                all.append("GET /p").append(i).append(" HTTP/1.1\r\nHost: x\r\n\r\n");
            }
            c.send(all.toString());
            for (int i = 0; i < 8; i++) {
                assertThat(c.read().body()).startsWith("/p" + i + " ");
            }
        }
    }

    @Test
    void forwardedHeadersFromTheSocketAreTrustedByDefault() throws Exception {
        try (UnixClient c = new UnixClient(socket)) {
            UnixClient.Reply r = c.send("GET /fwd HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 203.0.113.7\r\n"
                    + "X-Forwarded-Proto: https\r\n\r\n").read();
            assertThat(r.body()).isEqualTo("/fwd from 203.0.113.7:0 over https");
        }
    }

    @Test
    void aWebSocketEchoesOverTheSocketFile() throws Exception {
        try (UnixClient c = new UnixClient(socket)) {
            UnixClient.Reply r = c.send("GET /echo HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n").read();
            assertThat(r.status()).isEqualTo(101);
            assertThat(r.header("Sec-WebSocket-Accept")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
            c.send(WsRawClient.frame(true, 0, 1, "over unix".getBytes(StandardCharsets.UTF_8)));
            assertThat(c.readFrame()).isEqualTo("1:over unix");
            c.send(WsRawClient.frame(true, 0, 8, new byte[] {0x03, (byte) 0xE8}));
            assertThat(c.readFrame()).startsWith("8:");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void curlTalksToTheSocketFile() throws Exception {
        File curl = new File("/usr/bin/curl");
        assumeTrue(curl.canExecute(), "curl is not installed");
        Process p = new ProcessBuilder(curl.getPath(), "-sS", "--max-time", "10", "--unix-socket", socket.toString(),
                "http://localhost/curl").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(15, TimeUnit.SECONDS)).isTrue();
        assertThat(out).isEqualTo("/curl from 127.0.0.1:0 over http");
    }

    @Test
    void portIsRefusedWithTheSocketFileNamed() {
        assertThatThrownBy(() -> server.server().port()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("unix:" + socket).hasMessageContaining("no TCP port");
    }
}
