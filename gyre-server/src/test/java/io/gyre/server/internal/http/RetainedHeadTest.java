package io.gyre.server.internal.http;

import static io.gyre.server.internal.http.Wire.head;
import static org.assertj.core.api.Assertions.assertThat;

import io.gyre.server.Headers;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Heads share strings with earlier heads parsed on the same thread; a head kept by a handler must
 * still show its own values after the connection parsed different ones.
 */
class RetainedHeadTest {
    private final RequestHeadParser parser = new RequestHeadParser(HttpLimits.DEFAULTS);

    /** Parses one head on this test's parser (one connection), one byte at a time. */
    private RequestHead parseByteByByte(String raw) {
        byte[] bytes = Wire.bytes(raw);
        RequestHead head = null;
        for (int i = 0; i < bytes.length; i++) {
            ByteBuffer in = ByteBuffer.wrap(bytes, i, 1);
            head = parser.parse(in);
            assertThat(head == null).as("head complete only at the last byte").isEqualTo(i < bytes.length - 1);
        }
        parser.reset();
        return head;
    }

    private RequestHead parseWhole(String raw) {
        RequestHead head = parser.parse(ByteBuffer.wrap(Wire.bytes(raw)));
        assertThat(head).isNotNull();
        parser.reset();
        return head;
    }

    private static String request(String target, String host, String accept) {
        return head("GET " + target + " HTTP/1.1", "Host: " + host, "Accept: " + accept, "X-Trace: t-" + target);
    }

    @Test
    void aKeptHeadShowsItsOwnValuesAfterTheConnectionParsedOthers() {
        RequestHead kept = parseByteByByte(request("/items/1?sort=asc", "one.example", "text/html"));
        parseWhole(request("/items/1?sort=asc", "one.example", "text/html")); // kept in the table now
        RequestHead keptToo = parseWhole(request("/items/1?sort=asc", "one.example", "text/html"));

        // Same lengths, different bytes, then thousands of others, each twice so the table churns.
        parseByteByByte(request("/items/2?sort=dsc", "two.example", "text/json"));
        for (int i = 0; i < 4 * StringCache.SLOTS; i++) {
            String raw = request("/other/" + i + "?q=" + i, "host" + i + ".example", "type/" + i);
            parseWhole(raw);
            parseWhole(raw);
        }

        for (RequestHead h : List.of(kept, keptToo)) {
            assertThat(h.target()).isEqualTo("/items/1?sort=asc");
            assertThat(h.path()).isEqualTo("/items/1");
            assertThat(h.rawQuery()).isEqualTo("sort=asc");
            assertThat(h.headers()).isEqualTo(Headers.of("Host", "one.example", "Accept", "text/html",
                    "X-Trace", "t-/items/1?sort=asc"));
        }
    }

    @Test
    void repeatedRequestsShareTheirStringsButNeverCredentials() {
        String raw = head("GET /plaintext HTTP/1.1", "Host: 127.0.0.1:8080", "User-Agent: wrk",
                "Authorization: Bearer abc", "Cookie: s=1", "Proxy-Authorization: Basic eA==");
        List<RequestHead> heads = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            heads.add(i % 2 == 0 ? parseWhole(raw) : parseByteByByte(raw));
        }
        RequestHead third = heads.get(2);
        RequestHead fourth = heads.get(3);

        assertThat(fourth).isEqualTo(third);
        assertThat(fourth.target()).isSameAs(third.target());
        assertThat(fourth.path()).isSameAs(third.path());
        assertThat(fourth.headers().first("Host").orElseThrow()).isSameAs(third.headers().first("Host").orElseThrow());
        assertThat(fourth.headers().first("User-Agent").orElseThrow())
                .isSameAs(third.headers().first("User-Agent").orElseThrow());
        for (String credential : List.of("Authorization", "Cookie", "Proxy-Authorization")) {
            assertThat(fourth.headers().first(credential)).isEqualTo(third.headers().first(credential));
            assertThat(fourth.headers().first(credential).orElseThrow())
                    .as(credential).isNotSameAs(third.headers().first(credential).orElseThrow());
        }
    }

    @Test
    void targetsSplitTheSameWithTheTable() {
        for (int round = 0; round < 3; round++) {
            RequestHead a = parseWhole(head("GET /a?x=1&y=2 HTTP/1.1", "Host: h"));
            RequestHead empty = parseWhole(head("GET /a? HTTP/1.1", "Host: h"));
            RequestHead root = parseWhole(head("GET /?x HTTP/1.1", "Host: h"));
            RequestHead plain = parseByteByByte(head("GET /a HTTP/1.1", "Host: h"));
            assertThat(List.of(a.path(), a.rawQuery())).containsExactly("/a", "x=1&y=2");
            assertThat(List.of(empty.path(), empty.rawQuery())).containsExactly("/a", "");
            assertThat(List.of(root.path(), root.rawQuery())).containsExactly("/", "x");
            assertThat(List.of(plain.path(), plain.rawQuery())).containsExactly("/a", "");
            assertThat(plain.path()).isSameAs(plain.target());
        }
    }

    @Test
    void aCachedTargetGivesItsOwnPathAndQueryWhateverCameBefore() {
        String[] targets = {"/t?x=1", "/t?x=1", "/t?x=1", "/t?x=2", "/t?x=2", "/t?x=2", "/t?", "/t?", "/t?", "/t", "/t",
            "/t", "/t?x=1", "/u?r=1", "/u?r=1"};
        StringBuilder raw = new StringBuilder();
        for (String target : targets) {
            raw.append(head("GET " + target + " HTTP/1.1", "Host: h", "Referer: /u?r=1"));
        }

        List<Wire.Exchange> exchanges = Wire.readAllWays(raw.toString()).exchanges(); // also one byte at a time

        assertThat(exchanges).hasSize(targets.length);
        for (int i = 0; i < targets.length; i++) {
            RequestHead head = exchanges.get(i).head();
            int question = targets[i].indexOf('?');
            String path = question < 0 ? targets[i] : targets[i].substring(0, question);
            String query = question < 0 ? "" : targets[i].substring(question + 1);
            assertThat(List.of(head.target(), head.path(), head.rawQuery())).as("request %d", i)
                    .containsExactly(targets[i], path, query);
        }
    }

    @Test
    void headersAreMadeOnceAndAnswerLikeTheFields() {
        RequestHead head = parseWhole(head("GET / HTTP/1.1", "Host: h", "Upgrade: h2c, WebSocket ", "Connection: upgrade"));
        RequestHead none = parseWhole(head("GET / HTTP/1.0"));

        assertThat(head.headers()).isSameAs(head.headers());
        assertThat(head.headers().size()).isEqualTo(3);
        assertThat(none.headers()).isSameAs(Headers.empty());
        assertThat(head.upgradeListsWebSocket()).isTrue();
        assertThat(none.upgradeListsWebSocket()).isFalse();
    }

    @Test
    void hasFieldMatchesNamesWithoutCaseAndAgreesWithTheHeaders() {
        RequestHead head = parseByteByByte(head("GET / HTTP/1.1", "Host: h", "x-forwarded-for: 10.0.0.1"));
        RequestHead none = parseWhole(head("GET / HTTP/1.0"));

        assertThat(head.hasField("X-Forwarded-For")).isTrue();
        assertThat(head.hasField("X-Forwarded-Proto")).isFalse();
        assertThat(head.hasField("h")).as("a value is not a name").isFalse();
        assertThat(none.hasField("Host")).isFalse();
        assertThat(head.hasField("X-Forwarded-For")).isEqualTo(head.headers().contains("X-Forwarded-For"));
    }

    @Test
    void upgradeListsWebSocketAgreesWithTheHeaders() {
        List<String[]> cases = List.of(
                new String[] {"Upgrade: websocket"},
                new String[] {"Upgrade: h2c", "Upgrade: websocket"},
                new String[] {"Upgrade: websocket/13"},
                new String[] {"Upgrade: web socket"},
                new String[] {"upgrade: WEBSOCKET,"},
                new String[] {"X-Upgrade: websocket"},
                new String[] {});
        for (String[] fields : cases) {
            String[] lines = new String[fields.length + 2];
            lines[0] = "GET /ws HTTP/1.1";
            lines[1] = "Host: h";
            System.arraycopy(fields, 0, lines, 2, fields.length);
            RequestHead head = parseByteByByte(head(lines));
            assertThat(head.upgradeListsWebSocket()).as(String.join(" | ", fields))
                    .isEqualTo(head.headers().containsToken("Upgrade", "websocket"));
        }
    }
}
