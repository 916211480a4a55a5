package io.gyre.server.internal.http;

import static io.gyre.server.internal.http.Wire.head;
import static io.gyre.server.internal.http.Wire.parse;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConnectionSemanticsTest {
    @Test
    void http11KeepsAliveByDefault() {
        assertThat(parse(head("GET / HTTP/1.1", "Host: a")).keepAlive()).isTrue();
    }

    @Test
    void http11ClosesWhenConnectionListsClose() {
        assertThat(parse(head("GET / HTTP/1.1", "Host: a", "Connection: close")).keepAlive()).isFalse();
        assertThat(parse(head("GET / HTTP/1.1", "Host: a", "Connection: Keep-Alive, CLOSE")).keepAlive()).isFalse();
        assertThat(parse(head("GET / HTTP/1.1", "Host: a", "Connection: te", "Connection: close")).keepAlive())
                .isFalse();
    }

    @Test
    void http10ClosesByDefault() {
        assertThat(parse(head("GET / HTTP/1.0")).keepAlive()).isFalse();
    }

    @Test
    void http10KeepsAliveWhenAsked() {
        assertThat(parse(head("GET / HTTP/1.0", "Connection: keep-alive")).keepAlive()).isTrue();
        assertThat(parse(head("GET / HTTP/1.0", "Connection: Keep-Alive")).keepAlive()).isTrue();
        assertThat(parse(head("GET / HTTP/1.0", "Connection: keep-alive, close")).keepAlive()).isFalse();
    }

    @Test
    void connectionTokensMustMatchWholeListElements() {
        assertThat(parse(head("GET / HTTP/1.1", "Host: a", "Connection: closed")).keepAlive()).isTrue();
        assertThat(parse(head("GET / HTTP/1.0", "Connection: keep-alive-ish")).keepAlive()).isFalse();
    }

    @Test
    void expectContinueIsRecognisedInHttp11Only() {
        assertThat(parse(head("POST / HTTP/1.1", "Host: a", "Expect: 100-continue")).expectContinue()).isTrue();
        assertThat(parse(head("POST / HTTP/1.1", "Host: a", "Expect: 100-Continue")).expectContinue()).isTrue();
        assertThat(parse(head("POST / HTTP/1.1", "Host: a")).expectContinue()).isFalse();
        assertThat(parse(head("POST / HTTP/1.1", "Host: a", "Expect: 100-continue-x")).expectContinue()).isFalse();
        assertThat(parse(head("POST / HTTP/1.0", "Expect: 100-continue")).expectContinue()).isFalse();
    }

    @Test
    void upgradeIsReportedWhenConnectionListsUpgrade() {
        RequestHead head = parse(head("GET /ws HTTP/1.1", "Host: a", "Connection: Upgrade", "Upgrade: websocket",
                "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version: 13"));

        assertThat(head.upgrade()).contains("websocket");
    }

    @Test
    void upgradeWithoutConnectionUpgradeIsIgnored() {
        assertThat(parse(head("GET / HTTP/1.1", "Host: a", "Upgrade: h2c")).upgrade()).isEmpty();
        assertThat(parse(head("GET / HTTP/1.1", "Host: a", "Connection: upgrade")).upgrade()).isEmpty();
    }

    @Test
    void upgradeIsIgnoredInHttp10() {
        assertThat(parse(head("GET / HTTP/1.0", "Connection: upgrade", "Upgrade: websocket")).upgrade()).isEmpty();
    }

    @Test
    void h2cUpgradeFromTheJdkClientIsReportedForTheServerToIgnore() {
        RequestHead head = parse(head("GET / HTTP/1.1", "Host: a", "Connection: Upgrade, HTTP2-Settings",
                "Upgrade: h2c", "HTTP2-Settings: AAEAAEAAAAIAAAABAAMAAABkAAQBAAAAAAUAAEAA"));

        assertThat(head.upgrade()).contains("h2c");
        assertThat(head.keepAlive()).isTrue();
    }

    @Test
    void headMethodIsRecognised() {
        assertThat(parse(head("HEAD / HTTP/1.1", "Host: a")).isHead()).isTrue();
        assertThat(parse(head("GET / HTTP/1.1", "Host: a")).isHead()).isFalse();
    }
}
