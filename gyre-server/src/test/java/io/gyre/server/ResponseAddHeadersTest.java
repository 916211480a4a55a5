package io.gyre.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * {@link Response#addHeaders} adds built headers as they are, on both kinds of handler; every header
 * setter refuses once the response was sent.
 */
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
        CountDownLatch tried = new CountDownLatch(1);
        LoopSafeHandler app = (rq, rs) -> {
            rs.send("sent");
            refusal.set(catchThrowable(() -> rs.addHeaders(BUILT)));
            tried.countDown();
        };
        try (TestServer server = TestServer.start(app); RawClient c = new RawClient(server.port())) {
            RawClient.Reply reply = c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read();
            assertThat(reply.body()).isEqualTo("sent");
            assertThat(reply.header("X-Tag")).isNull();
            assertThat(tried.await(10, TimeUnit.SECONDS)).as("the handler went on after send").isTrue();
            assertThat(refusal.get()).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("add headers");
        }
    }

    @Test
    void settingOrAddingOneHeaderAfterTheResponseWasSentIsRefusedByName() throws Exception {
        AtomicReference<Throwable> set = new AtomicReference<>();
        AtomicReference<Throwable> add = new AtomicReference<>();
        CountDownLatch tried = new CountDownLatch(1);
        Handler app = (rq, rs) -> {
            rs.send("sent"); // a task handler goes on while the loop writes the response
            set.set(catchThrowable(() -> rs.header("X-Late", "1")));
            add.set(catchThrowable(() -> rs.addHeader("X-Later", "2")));
            tried.countDown();
        };
        try (TestServer server = TestServer.start(app); RawClient c = new RawClient(server.port())) {
            RawClient.Reply reply = c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read();
            assertThat(reply.body()).isEqualTo("sent");
            assertThat(reply.header("X-Late")).isNull();
            assertThat(tried.await(10, TimeUnit.SECONDS)).as("the handler went on after send").isTrue();
            assertThat(set.get()).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("cannot set header 'X-Late'").hasMessageContaining("already committed");
            assertThat(add.get()).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("cannot add header 'X-Later'").hasMessageContaining("already committed");
        }
    }

    @Test
    void refusedHeadersLeaveNothingBehindSoALaterBodyOfAnyLengthIsSent() throws Exception {
        AtomicReference<Throwable> refusal = new AtomicReference<>();
        Handler app = (rq, rs) -> {
            Headers framing = Headers.builder().add("Content-Length", "99").add("Transfer-Encoding", "gzip").build();
            refusal.set(catchThrowable(() -> rs.addHeaders(framing)));
            rs.send("five!"); // 5 bytes: the refused batch's 99 must not count as declared
        };
        try (TestServer server = TestServer.start(app); RawClient c = new RawClient(server.port())) {
            RawClient.Reply reply = c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read();
            assertThat(refusal.get()).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Transfer-Encoding");
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.header("Content-Length")).isEqualTo("5");
            assertThat(reply.body()).isEqualTo("five!");
        }
    }
}
