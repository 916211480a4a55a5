package io.gyre.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** {@link Response#addHeaders} adds built headers as they are, on both kinds of handler. */
class ResponseAddHeadersTest {
    private static final Headers BUILT = Headers.builder().add("X-Tag", "a").add("Cache-Control", "no-store")
            .add("X-Tag", "b").build();

    @Test
    void builtHeadersAreAddedInOrderBesideTheOnesTheResponseHad() throws Exception {
        Handler app = (rq, rs) -> {
            rs.header("X-Tag", "first");
            rs.addHeaders(BUILT);
            rs.send("ok");
        };
        try (TestServer server = TestServer.start(app); RawClient c = new RawClient(server.port())) {
            RawClient.Reply reply = c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read();
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.header("X-Tag")).isEqualTo("first, a, b");
            assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
            assertThat(reply.body()).isEqualTo("ok");
        }
    }

    @Test
    void addingHeadersAfterTheResponseWasSentIsRefused() throws Exception {
        AtomicReference<Throwable> refusal = new AtomicReference<>();
        LoopSafeHandler app = (rq, rs) -> {
            rs.send("sent");
            try {
                rs.addHeaders(BUILT);
            } catch (IllegalStateException e) {
                refusal.set(e);
            }
        };
        try (TestServer server = TestServer.start(app); RawClient c = new RawClient(server.port())) {
            RawClient.Reply reply = c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read();
            assertThat(reply.body()).isEqualTo("sent");
            assertThat(reply.header("X-Tag")).isNull();
            assertThat(refusal.get()).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("add headers");
        }
    }
}
