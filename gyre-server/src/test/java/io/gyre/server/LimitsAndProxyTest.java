package io.gyre.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LimitsAndProxyTest {
    private static final Handler WHO = (rq, rs) -> rs.send(rq.remoteAddress().getAddress().getHostAddress() + " "
            + rq.scheme());

    @Test
    void connectionsBeyondTheLimitGet503AndOthersKeepBeingServed() throws Exception {
        try (TestServer server = TestServer.start((rq, rs) -> rs.send("ok"), c -> c.maxConnections(2));
                RawClient a = new RawClient(server.port()); RawClient b = new RawClient(server.port())) {
            assertThat(a.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read().body()).isEqualTo("ok");
            assertThat(b.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read().body()).isEqualTo("ok");
            try (RawClient third = new RawClient(server.port())) {
                RawClient.Reply r = third.read();
                assertThat(r.status()).isEqualTo(503);
                assertThat(third.closedByServer()).isTrue();
            }
            assertThat(a.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read().body()).isEqualTo("ok");
        }
    }

    @Test
    void proxyHeadersFromATrustedPeerAreHonoured() throws Exception {
        try (TestServer server = TestServer.start(WHO, c -> c.forwardedAllowIps(List.of("127.0.0.0/8")));
                RawClient c = new RawClient(server.port())) {
            RawClient.Reply r = c.send("GET / HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 203.0.113.7, 127.0.0.5\r\n"
                    + "X-Forwarded-Proto: https\r\n\r\n").read();
            assertThat(r.body()).isEqualTo("203.0.113.7 https");
        }
    }

    @Test
    void proxyHeadersFromAnUntrustedPeerAreIgnored() throws Exception {
        try (TestServer server = TestServer.start(WHO, c -> c.forwardedAllowIps(List.of("10.0.0.0/8")));
                RawClient c = new RawClient(server.port())) {
            RawClient.Reply r = c.send("GET / HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 203.0.113.7\r\n"
                    + "X-Forwarded-Proto: https\r\n\r\n").read();
            assertThat(r.body()).isEqualTo("127.0.0.1 http");
        }
    }

    @Test
    void limitMaxRequestsShutsTheServerDownGracefully() throws Exception {
        try (TestServer server = TestServer.start((rq, rs) -> rs.send("ok"), c -> c.limitMaxRequests(3));
                RawClient c = new RawClient(server.port())) {
            for (int i = 0; i < 3; i++) {
                assertThat(c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read().body()).isEqualTo("ok");
            }
            assertThat(c.closedByServer()).isTrue();
            assertThat(server.stop()).isEqualTo(HttpServer.EXIT_OK);
        }
    }

    @Test
    void readinessPathFlipsWhenShutdownBegins() throws Exception {
        try (TestServer server = TestServer.start((rq, rs) -> rs.send("ok"), c -> c.readinessPath("/ready"));
                RawClient c = new RawClient(server.port())) {
            assertThat(c.send("GET /ready HTTP/1.1\r\nHost: x\r\n\r\n").read().status()).isEqualTo(200);
            assertThat(server.server().isReady()).isTrue();
            server.stop();
            assertThat(server.server().isReady()).isFalse();
        }
    }
}
