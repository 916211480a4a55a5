package io.gyre.server.internal.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.gyre.server.Headers;
import io.gyre.server.WebSocketConfig;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HandshakeTest {
    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";

    private static Headers valid(String... extra) {
        Headers.Builder b = Headers.builder().add("Host", "example.com").add("Upgrade", "websocket")
                .add("Connection", "keep-alive, Upgrade").add("Sec-WebSocket-Key", KEY).add("Sec-WebSocket-Version", "13");
        for (int i = 0; i < extra.length; i += 2) {
            b.set(extra[i], extra[i + 1]);
        }
        return b.build();
    }

    private static Handshake.Outcome check(Headers h) {
        return Handshake.check("GET", true, false, h, List.of("chat.v2", "chat.v1"), WebSocketConfig.DEFAULTS);
    }

    @Test
    void acceptKeyMatchesTheRfcExample() {
        assertThat(Handshake.acceptKey(KEY)).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
    }

    @Test
    void validRequestIsAcceptedWithTheResponseHeaders() {
        Handshake.Accepted a = (Handshake.Accepted) check(valid());
        Headers h = a.responseHeaders();
        assertThat(h.first("Upgrade")).contains("websocket");
        assertThat(h.first("Connection")).contains("Upgrade");
        assertThat(h.first("Sec-WebSocket-Accept")).contains("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
        assertThat(h.contains("Sec-WebSocket-Protocol")).isFalse();
        assertThat(h.contains("Sec-WebSocket-Extensions")).isFalse();
    }

    @Test
    void badRequestsGet400WithAReason() {
        assertThat(rejected(Handshake.check("POST", true, false, valid(), List.of(), WebSocketConfig.DEFAULTS)))
                .isEqualTo("400 GET");
        assertThat(rejected(Handshake.check("GET", false, false, valid(), List.of(), WebSocketConfig.DEFAULTS)))
                .isEqualTo("400 HTTP/1.1");
        assertThat(rejected(Handshake.check("GET", true, true, valid(), List.of(), WebSocketConfig.DEFAULTS)))
                .isEqualTo("400 body");
        assertThat(rejected(check(valid("Connection", "keep-alive")))).isEqualTo("400 Connection");
        assertThat(rejected(check(valid("Upgrade", "h2c")))).isEqualTo("400 Upgrade");
        assertThat(rejected(check(valid("Sec-WebSocket-Key", "short")))).isEqualTo("400 Sec-WebSocket-Key");
        assertThat(rejected(check(valid("Sec-WebSocket-Key", "!!!!!!!!!!!!!!!!!!!!!!==")))).isEqualTo("400 Sec-WebSocket-Key");
        Headers noKey = valid().toBuilder().remove("Sec-WebSocket-Key").build();
        assertThat(rejected(check(noKey))).isEqualTo("400 Sec-WebSocket-Key");
    }

    private static String rejected(Handshake.Outcome o) {
        Handshake.Rejected r = (Handshake.Rejected) o;
        for (String word : List.of("GET", "HTTP/1.1", "body", "Connection", "Upgrade", "Sec-WebSocket-Key")) {
            if (r.reason().contains(word)) {
                return r.status() + " " + word;
            }
        }
        return r.status() + " " + r.reason();
    }

    @Test
    void wrongOrMissingVersionGets426WithTheSupportedVersion() {
        Handshake.Rejected r = (Handshake.Rejected) check(valid("Sec-WebSocket-Version", "8"));
        assertThat(r.status()).isEqualTo(426);
        assertThat(r.headers().first("Sec-WebSocket-Version")).contains("13");
        Headers none = valid().toBuilder().remove("Sec-WebSocket-Version").build();
        assertThat(((Handshake.Rejected) check(none)).status()).isEqualTo(426);
    }

    @Test
    void subprotocolIsTheFirstTheClientOffersThatTheEndpointSpeaks() {
        assertThat(Handshake.selectSubprotocol(List.of("chat.v3, chat.v1", "chat.v2"), List.of("chat.v2", "chat.v1")))
                .contains("chat.v1");
        assertThat(Handshake.selectSubprotocol(List.of("other"), List.of("chat.v1"))).isEmpty();
        assertThat(((Handshake.Accepted) check(valid("Sec-WebSocket-Protocol", "chat.v1"))).responseHeaders()
                .first("Sec-WebSocket-Protocol")).contains("chat.v1");
    }

    @Test
    void permessageDeflateIsNegotiatedOnlyWhenOfferedAndHonourable() {
        WebSocketConfig c = WebSocketConfig.DEFAULTS;
        assertThat(DeflateAgreement.negotiate(List.of(), c)).isEmpty();
        assertThat(DeflateAgreement.negotiate(List.of("permessage-deflate; client_max_window_bits"), c))
                .contains(new DeflateAgreement(false, false, false));
        assertThat(DeflateAgreement.negotiate(List.of("permessage-deflate; server_max_window_bits=10"), c)).isEmpty();
        assertThat(DeflateAgreement.negotiate(List.of("permessage-deflate; server_max_window_bits=10, permessage-deflate;"
                + " server_no_context_takeover"), c)).contains(new DeflateAgreement(true, false, false));
        assertThat(DeflateAgreement.negotiate(List.of("permessage-deflate; client_no_context_takeover"), c)
                .map(DeflateAgreement::responseHeader)).contains("permessage-deflate; client_no_context_takeover");
        assertThat(DeflateAgreement.negotiate(List.of("permessage-deflate; mystery=1"), c)).isEmpty();
        assertThat(DeflateAgreement.negotiate(List.of("permessage-deflate; client_max_window_bits=16"), c)).isEmpty();
        assertThat(DeflateAgreement.negotiate(List.of("permessage-deflate; server_no_context_takeover;"
                + " server_no_context_takeover"), c)).isEmpty();
        assertThat(DeflateAgreement.negotiate(List.of("x-webkit-deflate-frame"), c)).isEmpty();
        assertThat(DeflateAgreement.negotiate(List.of("permessage-deflate"),
                WebSocketConfig.builder().compression(false).build())).isEmpty();
        assertThat(DeflateAgreement.negotiate(List.of("permessage-deflate"),
                WebSocketConfig.builder().contextTakeover(false).build())).isEqualTo(Optional.of(new DeflateAgreement(true, true, false)));
    }

    @Test
    void anAcceptedServerMaxWindowBitsOfferIsAnsweredWithTheParameter() {
        // RFC 7692 section 7.1.2.1: accepting an offer with server_max_window_bits means echoing it
        assertThat(DeflateAgreement.negotiate(List.of("permessage-deflate; server_max_window_bits=15"),
                WebSocketConfig.DEFAULTS).map(DeflateAgreement::responseHeader))
                .contains("permessage-deflate; server_max_window_bits=15");
        assertThat(DeflateAgreement.negotiate(List.of("permessage-deflate; server_max_window_bits=\"15\";"
                + " client_max_window_bits"), WebSocketConfig.DEFAULTS).map(DeflateAgreement::responseHeader))
                .contains("permessage-deflate; server_max_window_bits=15");
        assertThat(DeflateAgreement.negotiate(List.of("permessage-deflate; client_max_window_bits"),
                WebSocketConfig.DEFAULTS).map(DeflateAgreement::responseHeader)).contains("permessage-deflate");
    }
}
