package io.gyre.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RequestBodyTest {
    static TestServer server;
    static final AtomicBoolean bodyRead = new AtomicBoolean();

    @BeforeAll
    static void start() {
        server = TestServer.start((rq, rs) -> {
            switch (rq.path()) {
                case "/echo" -> {
                    try (InputStream in = rq.body(); OutputStream out = rs.body()) {
                        in.transferTo(out);
                    }
                }
                case "/size" -> rs.send(Integer.toString(rq.bodyBytes().length));
                case "/ignore" -> rs.status(403).send("no");
                case "/stream" -> {
                    try (OutputStream out = rs.body()) {
                        for (int i = 0; i < 3; i++) {
                            out.write(("line " + i + "\n").getBytes());
                            out.flush();
                        }
                    }
                }
                default -> rs.status(404).send("not found");
            }
        }, c -> c.maxBodyBytes(1000));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void chunkedRequestIsEchoedChunked() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            RawClient.Reply r = c.send("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n").read();
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("hello world");
            assertThat(c.send("GET /nothing HTTP/1.1\r\nHost: x\r\n\r\n").read().status()).isEqualTo(404);
        }
    }

    @Test
    void flushedStreamIsSentChunked() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            RawClient.Reply r = c.send("GET /stream HTTP/1.1\r\nHost: x\r\n\r\n").read();
            assertThat(r.header("Transfer-Encoding")).isEqualTo("chunked");
            assertThat(r.body()).isEqualTo("line 0\nline 1\nline 2\n");
        }
    }

    @Test
    void expectContinueGets100WhenTheHandlerReads() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            c.send("POST /size HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n");
            assertThat(c.read().status()).isEqualTo(100);
            RawClient.Reply r = c.send("abcd").read();
            assertThat(r.body()).isEqualTo("4");
            assertThat(c.send("GET /nothing HTTP/1.1\r\nHost: x\r\n\r\n").read().status()).isEqualTo(404);
        }
    }

    @Test
    void expectContinueWithoutReadingAnswersAndCloses() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            c.send("POST /ignore HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\nExpect: 100-continue\r\n\r\n");
            RawClient.Reply r = c.read();
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.header("Connection")).isEqualTo("close");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void unreadSmallBodyIsDrainedAndTheConnectionKept() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            RawClient.Reply r = c.send("POST /ignore HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello").read();
            assertThat(r.status()).isEqualTo(403);
            assertThat(c.send("GET /nothing HTTP/1.1\r\nHost: x\r\n\r\n").read().status()).isEqualTo(404);
        }
    }

    @Test
    void declaredBodyOverTheLimitGets413WithoutReadingIt() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            RawClient.Reply r = c.send("POST /size HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n").read();
            assertThat(r.status()).isEqualTo(413);
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void chunkedBodyOverTheLimitGets413() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            String chunk = "x".repeat(600);
            RawClient.Reply r = c.send("POST /size HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "258\r\n" + chunk + "\r\n258\r\n" + chunk + "\r\n0\r\n\r\n").read();
            assertThat(r.status()).isEqualTo(413);
        }
    }
}
