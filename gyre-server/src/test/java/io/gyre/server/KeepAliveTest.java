package io.gyre.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KeepAliveTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start((rq, rs) -> rs.header("X-Path", rq.path()).send("hello " + rq.path()));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void oneConnectionServesManyRequests() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            for (int i = 0; i < 5; i++) {
                RawClient.Reply r = c.send("GET /a" + i + " HTTP/1.1\r\nHost: x\r\n\r\n").read();
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.body()).isEqualTo("hello /a" + i);
                assertThat(r.header("Connection")).isNull();
                assertThat(r.header("Date")).isNotBlank();
                assertThat(r.header("Server")).isEqualTo("gyre");
            }
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < 16; i++) {
                all.append("GET /p").append(i).append(" HTTP/1.1\r\nHost: x\r\n\r\n");
            }
            c.send(all.toString());
            for (int i = 0; i < 16; i++) {
                assertThat(c.read().body()).isEqualTo("hello /p" + i);
            }
        }
    }

    @Test
    void jdkClientReusesItsConnection() throws Exception {
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + server.port() + "/j" + i)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.body()).isEqualTo("hello /j" + i);
            }
        }
    }

    @Test
    void http10ClosesUnlessAskedToKeepAlive() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            RawClient.Reply r = c.send("GET /old HTTP/1.0\r\n\r\n").read();
            assertThat(r.body()).isEqualTo("hello /old");
            assertThat(r.header("Connection")).isEqualTo("close");
            assertThat(c.closedByServer()).isTrue();
        }
        try (RawClient c = new RawClient(server.port())) {
            RawClient.Reply r = c.send("GET /ka HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").read();
            assertThat(r.header("Connection")).isEqualTo("keep-alive");
            assertThat(c.send("GET /again HTTP/1.0\r\n\r\n").read().body()).isEqualTo("hello /again");
        }
    }

    @Test
    void headGetsTheLengthButNoBody() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            RawClient.Reply r = c.send("HEAD /h HTTP/1.1\r\nHost: x\r\n\r\n").read(true);
            assertThat(r.header("Content-Length")).isEqualTo("8");
            assertThat(c.send("GET /next HTTP/1.1\r\nHost: x\r\n\r\n").read().body()).isEqualTo("hello /next");
        }
    }

    @Test
    void unknownUpgradeIsServedAsPlainHttp11() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            RawClient.Reply r = c.send("GET /up HTTP/1.1\r\nHost: x\r\nConnection: Upgrade, HTTP2-Settings\r\n"
                    + "Upgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQCAAAAAAIAAAAA\r\n\r\n").read();
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("hello /up");
        }
    }
}
