package io.gyre.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TimeoutTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start((rq, rs) -> rs.send("ok"),
                c -> c.headerReadTimeout(Duration.ofMillis(300)).keepAliveTimeout(Duration.ofMillis(300)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void slowHeadersGet408AndTheConnectionCloses() throws Exception {
        try (RawClient slow = new RawClient(server.port())) {
            slow.send("GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ");
            RawClient.Reply r = slow.read();
            assertThat(r.status()).isEqualTo(408);
            assertThat(slow.closedByServer()).isTrue();
        }
        try (RawClient c = new RawClient(server.port())) {
            assertThat(c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read().body()).isEqualTo("ok");
        }
    }

    @Test
    void idleKeepAliveConnectionIsClosed() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            assertThat(c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read().body()).isEqualTo("ok");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void silentConnectionIsClosedWithoutAResponse() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            assertThat(c.closedByServer()).isTrue();
        }
    }
}
