package io.gyre.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.gyre.runtime.Report;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** HEAD to a handler that streams a body of a declared length: the head only, and the connection stays usable. */
class HeadWithDeclaredLengthTest {
    @Test
    void aHeadRequestToAStreamedBodyOfDeclaredLengthKeepsTheConnection() throws Exception {
        Handler streamed = (rq, rs) -> {
            byte[] body = "hello".getBytes(StandardCharsets.US_ASCII);
            rs.header("Content-Length", String.valueOf(body.length));
            try (OutputStream out = rs.body()) {
                out.write(body);
            }
        };
        try (TestServer server = TestServer.start(streamed);
                RawClient c = new RawClient(server.port())) {
            RawClient.Reply head = c.send("HEAD /h HTTP/1.1\r\nHost: x\r\n\r\n").read(true);
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.header("content-length")).isEqualTo("5");
            RawClient.Reply get = c.send("GET /h HTTP/1.1\r\nHost: x\r\n\r\n").read();
            assertThat(get.body()).as("the GET after the HEAD, on the same connection").isEqualTo("hello");
            assertThat(server.reports()).as("runner reports").noneMatch(r -> r instanceof Report.CallbackFailed);
        }
    }
}
