package io.gyre.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MalformedRequestTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start((rq, rs) -> {
            if (rq.hasBody()) {
                rq.bodyBytes();
            }
            rs.send("ok");
        },
                c -> c.maxRequestLineBytes(1024).maxHeaderBytes(2048).maxBodyBytes(100));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "both lengths|400|POST / HTTP/1.1\\r\\nHost: x\\r\\nContent-Length: 3\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n",
        "conflicting lengths|400|POST / HTTP/1.1\\r\\nHost: x\\r\\nContent-Length: 3\\r\\nContent-Length: 4\\r\\n\\r\\nabc",
        "invalid length|400|POST / HTTP/1.1\\r\\nHost: x\\r\\nContent-Length: 3x\\r\\n\\r\\n",
        "bare CR|400|GET / HTTP/1.1\\r\\nHost: x\\rY: z\\r\\n\\r\\n",
        "space before colon|400|GET / HTTP/1.1\\r\\nHost : x\\r\\n\\r\\n",
        "obs-fold|400|GET / HTTP/1.1\\r\\nHost: x\\r\\nX: a\\r\\n  b\\r\\n\\r\\n",
        "bad chunk size|400|POST / HTTP/1.1\\r\\nHost: x\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\nzz\\r\\nabc\\r\\n0\\r\\n\\r\\n",
        "missing host|400|GET / HTTP/1.1\\r\\n\\r\\n",
        "long request line|414|GET /LONG HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n",
        "huge head|431|GET / HTTP/1.1\\r\\nHost: x\\r\\nX-Big: BIG\\r\\n\\r\\n",
        "body too large|413|POST / HTTP/1.1\\r\\nHost: x\\r\\nContent-Length: 101\\r\\n\\r\\n",
        "http2 preface|505|PRI * HTTP/2.0\\r\\n\\r\\nSM\\r\\n\\r\\n",
        "tunnel|501|CONNECT x:443 HTTP/1.1\\r\\nHost: x:443\\r\\n\\r\\n",
    })
    void hostileInputGetsItsStatusAndTheServerKeepsServing(String name, int status, String raw) throws Exception {
        String request = raw.replace("\\r", "\r").replace("\\n", "\n")
                .replace("/LONG", "/" + "a".repeat(2000)).replace("BIG", "b".repeat(3000));
        try (RawClient c = new RawClient(server.port())) {
            RawClient.Reply r = c.send(request).read();
            assertThat(r.status()).as(name).isEqualTo(status);
            assertThat(r.header("Connection")).isEqualTo("close");
            assertThat(c.closedByServer()).isTrue();
        }
        try (RawClient c = new RawClient(server.port())) {
            assertThat(c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read().body()).isEqualTo("ok");
        }
    }
}
