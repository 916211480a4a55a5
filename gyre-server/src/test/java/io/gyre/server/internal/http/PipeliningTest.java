package io.gyre.server.internal.http;

import static io.gyre.server.internal.http.Wire.head;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipeliningTest {
    @Test
    void requestsBackToBackInOneBufferAreReadInOrder() {
        String raw = head("GET /1 HTTP/1.1", "Host: a")
                + head("POST /2 HTTP/1.1", "Host: a", "Content-Length: 5") + "hello"
                + head("POST /3 HTTP/1.1", "Host: a", "Transfer-Encoding: chunked") + "3;x=y\r\nabc\r\n0\r\nT: v\r\n\r\n"
                + "\r\n" // a blank line between requests is allowed
                + head("GET /4 HTTP/1.0")
                + head("DELETE /5 HTTP/1.1", "Host: a", "Content-Length: 0");

        Wire.Read read = Wire.readAllWays(raw);

        List<Wire.Exchange> exchanges = read.exchanges();
        assertThat(exchanges).extracting(e -> e.head().path()).containsExactly("/1", "/2", "/3", "/4", "/5");
        assertThat(exchanges).extracting(Wire.Exchange::body).containsExactly("", "hello", "abc", "", "");
        assertThat(exchanges.get(2).trailers().first("T")).contains("v");
        assertThat(read.rest()).isEmpty();
    }

    @Test
    void sixteenPipelinedRequestsAreAllRead() {
        StringBuilder raw = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            raw.append(head("GET /plaintext?i=" + i + " HTTP/1.1", "Host: server", "Accept: text/plain"));
        }

        List<Wire.Exchange> exchanges = Wire.readAllWays(raw.toString()).exchanges();

        assertThat(exchanges).hasSize(16);
        assertThat(exchanges.get(15).head().rawQuery()).isEqualTo("i=15");
    }

    @Test
    void parserNeverConsumesPastTheEndOfTheHead() {
        RequestHeadParser parser = new RequestHeadParser(HttpLimits.DEFAULTS);
        String first = head("POST / HTTP/1.1", "Host: a", "Content-Length: 4");
        ByteBuffer in = ByteBuffer.wrap(Wire.bytes(first + "bodyGET"));

        RequestHead head = parser.parse(in);

        assertThat(head).isNotNull();
        assertThat(in.position()).isEqualTo(first.length());
        assertThat(in.remaining()).isEqualTo(7);
    }

    @Test
    void parserNeverConsumesPastTheEndOfTheHeadInADirectBuffer() {
        RequestHeadParser parser = new RequestHeadParser(HttpLimits.DEFAULTS);
        String first = head("GET / HTTP/1.1", "Host: a");
        ByteBuffer in = Wire.buffer(Wire.bytes(first + first + "x".repeat(5000)), true);

        assertThat(parser.parse(in)).isNotNull();
        assertThat(in.position()).isEqualTo(first.length());
        parser.reset();
        assertThat(parser.parse(in)).isNotNull();
        assertThat(in.position()).isEqualTo(2 * first.length());
    }

    @Test
    void parsersOfDifferentConnectionsOnOneThreadDoNotMixTheirBytes() {
        RequestHeadParser one = new RequestHeadParser(HttpLimits.DEFAULTS);
        RequestHeadParser two = new RequestHeadParser(HttpLimits.DEFAULTS);
        byte[] first = Wire.bytes(head("GET /one HTTP/1.1", "Host: a", "X-Conn: 1"));
        byte[] second = Wire.bytes(head("POST /two HTTP/1.1", "Host: b", "Content-Length: 0"));
        RequestHead headOne = null;
        RequestHead headTwo = null;

        for (int i = 0; i < Math.max(first.length, second.length); i++) {
            if (i < first.length) {
                headOne = one.parse(Wire.buffer(new byte[] {first[i]}, true));
            }
            if (i < second.length) {
                headTwo = two.parse(Wire.buffer(new byte[] {second[i]}, i % 2 == 0));
            }
        }

        assertThat(headOne.target()).isEqualTo("/one");
        assertThat(headOne.headers().first("X-Conn")).contains("1");
        assertThat(headTwo.target()).isEqualTo("/two");
        assertThat(headTwo.contentLength()).isZero();
    }

    @Test
    void incompleteHeadConsumesItsBytesAndReportsProgress() {
        RequestHeadParser parser = new RequestHeadParser(HttpLimits.DEFAULTS);
        assertThat(parser.inProgress()).isFalse();

        ByteBuffer in = ByteBuffer.wrap(Wire.bytes("GET / HT"));
        assertThat(parser.parse(in)).isNull();

        assertThat(in.hasRemaining()).isFalse();
        assertThat(parser.inProgress()).isTrue();
        assertThat(parser.parse(ByteBuffer.wrap(Wire.bytes("TP/1.1\r\nHost: a\r\n\r\n"))).target()).isEqualTo("/");
        parser.reset();
        assertThat(parser.inProgress()).isFalse();
    }

    @Test
    void blankLinesBetweenRequestsDoNotCountAsAStartedRequest() {
        RequestHeadParser parser = new RequestHeadParser(HttpLimits.DEFAULTS);

        assertThat(parser.parse(ByteBuffer.wrap(Wire.bytes("\r\n\r")))).isNull();
        assertThat(parser.inProgress()).isFalse();
        assertThat(parser.parse(ByteBuffer.wrap(Wire.bytes("\nG")))).isNull();
        assertThat(parser.inProgress()).isTrue();
    }

    @Test
    void parsingAgainWithoutResetIsAnError() {
        RequestHeadParser parser = new RequestHeadParser(HttpLimits.DEFAULTS);
        ByteBuffer in = ByteBuffer.wrap(Wire.bytes(head("GET / HTTP/1.1", "Host: a") + head("GET / HTTP/1.1", "Host: a")));
        parser.parse(in);

        assertThatThrownBy(() -> parser.parse(in))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("call reset()");
    }

    @Test
    void failureStaysUntilReset() {
        RequestHeadParser parser = new RequestHeadParser(HttpLimits.DEFAULTS);
        assertThat(Wire.rejectsDirectly(parser, ByteBuffer.wrap(Wire.bytes("GET / HTTP/1.1\nHost: a\r\n\r\n"))))
                .isEqualTo(400);

        assertThat(Wire.rejectsDirectly(parser, ByteBuffer.wrap(Wire.bytes(head("GET / HTTP/1.1", "Host: a")))))
                .isEqualTo(400);
        parser.reset();
        assertThat(parser.parse(ByteBuffer.wrap(Wire.bytes(head("GET / HTTP/1.1", "Host: a"))))).isNotNull();
    }

    @Test
    void headersOfOneRequestDoNotLeakIntoTheNext() {
        String raw = head("POST /1 HTTP/1.1", "Host: a", "Content-Length: 1", "Connection: close", "Expect: 100-continue")
                + "x" + head("GET /2 HTTP/1.1", "Host: b");

        List<Wire.Exchange> exchanges = Wire.readAllWays(raw).exchanges();

        RequestHead second = exchanges.get(1).head();
        assertThat(second.headers().size()).isEqualTo(1);
        assertThat(second.contentLength()).isEqualTo(-1);
        assertThat(second.keepAlive()).isTrue();
        assertThat(second.expectContinue()).isFalse();
    }

    @Test
    void smuggledSecondRequestInsideABodyStaysBody() {
        String inner = head("GET /admin HTTP/1.1", "Host: a");
        String raw = head("POST / HTTP/1.1", "Host: a", "Content-Length: " + inner.length()) + inner;

        Wire.Read read = Wire.readAllWays(raw);

        assertThat(read.exchanges()).hasSize(1);
        assertThat(read.exchanges().get(0).body()).isEqualTo(inner);
    }
}
