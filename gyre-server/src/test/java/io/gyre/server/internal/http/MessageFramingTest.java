package io.gyre.server.internal.http;

import static io.gyre.server.internal.http.Wire.exchange;
import static io.gyre.server.internal.http.Wire.head;
import static io.gyre.server.internal.http.Wire.parse;
import static io.gyre.server.internal.http.Wire.rejects;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** Content-Length and Transfer-Encoding rules (RFC 9112 6), the heart of request smuggling. */
class MessageFramingTest {
    private static String post(String... fields) {
        String[] lines = new String[fields.length + 2];
        lines[0] = "POST /upload HTTP/1.1";
        lines[1] = "Host: a";
        System.arraycopy(fields, 0, lines, 2, fields.length);
        return head(lines);
    }

    @Test
    void headWithoutFramingFieldsHasNoBody() {
        RequestHead head = parse(head("GET / HTTP/1.1", "Host: a"));

        assertThat(head.contentLength()).isEqualTo(-1);
        assertThat(head.chunked()).isFalse();
        assertThat(head.hasBody()).isFalse();
    }

    @Test
    void contentLengthBodyIsRead() {
        Wire.Exchange exchange = exchange(post("Content-Length: 11") + "hello world");

        assertThat(exchange.head().contentLength()).isEqualTo(11);
        assertThat(exchange.head().hasBody()).isTrue();
        assertThat(exchange.body()).isEqualTo("hello world");
    }

    @Test
    void zeroContentLengthHasNoBody() {
        RequestHead head = parse(post("Content-Length: 0"));

        assertThat(head.contentLength()).isZero();
        assertThat(head.hasBody()).isFalse();
    }

    @Test
    void framingFieldNamesAreRecognisedInAnyCase() {
        assertThat(exchange(post("content-length: 3") + "abc").body()).isEqualTo("abc");
        assertThat(exchange(post("CONTENT-LENGTH: 3") + "abc").body()).isEqualTo("abc");
        assertThat(exchange(post("TRANSFER-ENCODING: chunked") + "3\r\nabc\r\n0\r\n\r\n").body()).isEqualTo("abc");
        rejects(post("content-length: 3", "Content-Length: 4") + "abcd", 400);
        rejects(post("transfer-encoding: chunked", "CONTENT-length: 3") + "abc", 400);
    }

    @Test
    void repeatedEqualContentLengthsAreAccepted() {
        assertThat(exchange(post("Content-Length: 3", "Content-Length: 3") + "abc").body()).isEqualTo("abc");
        assertThat(exchange(post("Content-Length: 3, 3") + "abc").body()).isEqualTo("abc");
        assertThat(exchange(post("Content-Length: 3,3 , 3") + "abc").body()).isEqualTo("abc");
    }

    @Test
    void differingContentLengthsAre400() {
        rejects(post("Content-Length: 3", "Content-Length: 4") + "abcd", 400);
        rejects(post("Content-Length: 0", "Content-Length: 5") + "abcde", 400);
        rejects(post("Content-Length: 3, 4") + "abcd", 400);
    }

    @Test
    void contentLengthWithSignSpaceHexOrJunkIs400() {
        for (String value : new String[] {"+5", "-5", "5 5", "0x5", "5a", "a", "5.0", "5;", ",", "5,", ",5", "1e3", "\u00b3"}) {
            rejects(post("Content-Length: " + value) + "abcde", 400);
        }
    }

    @Test
    void emptyContentLengthIs400() {
        rejects(post("Content-Length:"), 400);
        rejects(post("Content-Length:   "), 400);
    }

    @Test
    void contentLengthThatOverflowsALongIs400() {
        rejects(post("Content-Length: 9223372036854775808"), 400);
        rejects(post("Content-Length: 99999999999999999999999999"), 400);
    }

    @Test
    void contentLengthWithLeadingZerosIsItsValue() {
        assertThat(exchange(post("Content-Length: 0003") + "abc").head().contentLength()).isEqualTo(3);
    }

    @Test
    void contentLengthOverTheBodyLimitIs413BeforeAnyBodyByteArrives() {
        HttpLimits limits = HttpLimits.DEFAULTS.withMaxBodyBytes(10);
        RequestHeadParser parser = new RequestHeadParser(limits);

        assertThat(Wire.rejectsDirectly(parser, ByteBuffer.wrap(Wire.bytes(post("Content-Length: 11"))))).isEqualTo(413);
        rejects(post("Content-Length: 11") + "x".repeat(11), limits, 413);
        assertThat(exchange(post("Content-Length: 10") + "x".repeat(10), limits).body()).hasSize(10);
    }

    @Test
    void hugeContentLengthIs413WithTheDefaultLimit() {
        rejects(post("Content-Length: 9223372036854775807"), 413);
    }

    @Test
    void chunkedTransferEncodingIsRecognisedIgnoringCase() {
        for (String value : new String[] {"chunked", "Chunked", "CHUNKED", " chunked ", ", chunked", "chunked,"}) {
            RequestHead head = exchange(post("Transfer-Encoding: " + value) + "3\r\nabc\r\n0\r\n\r\n").head();
            assertThat(head.chunked()).as(value).isTrue();
            assertThat(head.contentLength()).isEqualTo(-1);
            assertThat(head.hasBody()).isTrue();
        }
    }

    @Test
    void contentLengthTogetherWithTransferEncodingIs400() {
        rejects(post("Content-Length: 5", "Transfer-Encoding: chunked") + "0\r\n\r\n", 400);
        rejects(post("Transfer-Encoding: chunked", "Content-Length: 5") + "0\r\n\r\n", 400);
        rejects(post("Transfer-Encoding: chunked", "Content-Length: 0") + "0\r\n\r\n", 400);
    }

    @Test
    void transferEncodingWithoutAFinalChunkedIs400() {
        rejects(post("Transfer-Encoding: gzip") + "abc", 400);
        rejects(post("Transfer-Encoding: chunked, gzip") + "0\r\n\r\n", 400);
        rejects(post("Transfer-Encoding: identity") + "abc", 400);
        rejects(post("Transfer-Encoding: xchunked") + "0\r\n\r\n", 400);
        rejects(post("Transfer-Encoding: chunkedx") + "0\r\n\r\n", 400);
        rejects(post("Transfer-Encoding: \"chunked\"") + "0\r\n\r\n", 400);
        rejects(post("Transfer-Encoding:") + "0\r\n\r\n", 400);
    }

    @Test
    void chunkedAppliedTwiceIs400() {
        rejects(post("Transfer-Encoding: chunked, chunked") + "0\r\n\r\n", 400);
        rejects(post("Transfer-Encoding: chunked", "Transfer-Encoding: chunked") + "0\r\n\r\n", 400);
    }

    @Test
    void otherCodingsBeforeChunkedAre501() {
        rejects(post("Transfer-Encoding: gzip, chunked") + "0\r\n\r\n", 501);
        rejects(post("Transfer-Encoding: gzip", "Transfer-Encoding: chunked") + "0\r\n\r\n", 501);
    }

    @Test
    void chunkedWithParametersIs400() {
        rejects(post("Transfer-Encoding: chunked;q=1") + "0\r\n\r\n", 400);
    }

    @Test
    void transferEncodingInHttp10Is400() {
        rejects(head("POST / HTTP/1.0", "Transfer-Encoding: chunked") + "0\r\n\r\n", 400);
    }

    @Test
    void smugglingVariantsOfTheTransferEncodingNameAre400() {
        rejects(post("Transfer-Encoding : chunked") + "0\r\n\r\n", 400);
        rejects(post("Transfer-Encoding\t: chunked") + "0\r\n\r\n", 400);
    }

    @Test
    void similarlyNamedFieldsDoNotChangeTheFraming() {
        Wire.Exchange exchange = exchange(post("Transfer_Encoding: chunked", "Content-Length: 3") + "abc");

        assertThat(exchange.head().chunked()).isFalse();
        assertThat(exchange.body()).isEqualTo("abc");
    }

    @Test
    void smugglingVariantsOfTheTransferEncodingValueAre400() {
        rejects(post("Transfer-Encoding: \u000bchunked") + "0\r\n\r\n", 400);
        rejects(post("Transfer-Encoding: chunked\u0000") + "0\r\n\r\n", 400);
        rejects(post("Transfer-Encoding: x", " chunked") + "0\r\n\r\n", 400);
        rejects("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\rX: y\r\n\r\n0\r\n\r\n", 400);
    }
}
