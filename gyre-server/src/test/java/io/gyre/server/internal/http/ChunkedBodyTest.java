package io.gyre.server.internal.http;

import static io.gyre.server.internal.http.Wire.exchange;
import static io.gyre.server.internal.http.Wire.head;
import static io.gyre.server.internal.http.Wire.rejects;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class ChunkedBodyTest {
    private static final String HEAD = head("POST /upload HTTP/1.1", "Host: a", "Transfer-Encoding: chunked");

    @Test
    void chunksAreJoinedIntoTheBody() {
        Wire.Exchange exchange = exchange(HEAD + "5\r\nhello\r\n1\r\n \r\n5\r\nworld\r\n0\r\n\r\n");

        assertThat(exchange.body()).isEqualTo("hello world");
        assertThat(exchange.trailers().isEmpty()).isTrue();
    }

    @Test
    void emptyChunkedBodyIsComplete() {
        assertThat(exchange(HEAD + "0\r\n\r\n").body()).isEmpty();
    }

    @Test
    void hexSizesInEitherCaseAndWithLeadingZerosAreAccepted() {
        String sixteen = "0123456789abcdef";
        String body = sixteen + sixteen;

        assertThat(exchange(HEAD + "1A\r\n" + body.substring(0, 26) + "\r\n00006\r\n" + body.substring(26) + "\r\n0\r\n\r\n")
                .body()).isEqualTo(body);
        assertThat(exchange(HEAD + "1a\r\n" + body.substring(0, 26) + "\r\n6\r\n" + body.substring(26) + "\r\n000\r\n\r\n")
                .body()).isEqualTo(body);
    }

    @Test
    void largeChunkIsDecodedInPieces() {
        String data = "x".repeat(70_000);

        assertThat(exchange(HEAD + Integer.toHexString(data.length()) + "\r\n" + data + "\r\n0\r\n\r\n").body())
                .isEqualTo(data);
    }

    @Test
    void extensionsAreValidatedAndIgnored() {
        String raw = HEAD + "3;name\r\nabc\r\n3;a=b;c=\"quoted; \\\"value\\\"\"\r\ndef\r\n2 ; x = y\r\ngh\r\n0;last\r\n\r\n";

        assertThat(exchange(raw).body()).isEqualTo("abcdefgh");
    }

    @Test
    void invalidExtensionsAre400() {
        rejects(HEAD + "3;\r\nabc\r\n0\r\n\r\n", 400);
        rejects(HEAD + "3;=x\r\nabc\r\n0\r\n\r\n", 400);
        rejects(HEAD + "3;a\u0000\r\nabc\r\n0\r\n\r\n", 400);
        rejects(HEAD + "3;a\nabc\r\n0\r\n\r\n", 400);
        rejects(HEAD + "3;a\rb\r\nabc\r\n0\r\n\r\n", 400);
    }

    @Test
    void overlongSizeLineIs400() {
        rejects(HEAD + "3;" + "a".repeat(ChunkedDecoder.MAX_SIZE_LINE_BYTES) + "\r\nabc\r\n0\r\n\r\n", 400);
    }

    @Test
    void oneByteChunksAreAccepted() {
        String data = "0123456789".repeat(500);
        StringBuilder raw = new StringBuilder(HEAD);
        for (char c : data.toCharArray()) {
            raw.append("1\r\n").append(c).append("\r\n");
        }

        assertThat(exchange(raw.append("0\r\n\r\n").toString()).body()).isEqualTo(data);
    }

    @Test
    void bodyThatIsMostlyExtensionsIs400() {
        String chunk = "1;" + "e".repeat(1000) + "\r\nx\r\n";
        String raw = HEAD + chunk.repeat(17) + "0\r\n\r\n";

        assertThat(rejects(raw, 400)).contains("framing");
        assertThat(exchange(HEAD + chunk.repeat(15) + "0\r\n\r\n").body()).hasSize(15);
    }

    @Test
    void trailersAreParsedAndAvailable() {
        Wire.Exchange exchange = exchange(HEAD + "3\r\nabc\r\n0\r\nChecksum: 123\r\nX-Note:  ok \r\n\r\n");

        assertThat(exchange.body()).isEqualTo("abc");
        assertThat(exchange.trailers().size()).isEqualTo(2);
        assertThat(exchange.trailers().first("checksum")).contains("123");
        assertThat(exchange.trailers().first("x-note")).contains("ok");
    }

    @Test
    void invalidTrailersAre400() {
        rejects(HEAD + "0\r\nBad Name: x\r\n\r\n", 400);
        rejects(HEAD + "0\r\nName : x\r\n\r\n", 400);
        rejects(HEAD + "0\r\nA: b\r\n folded\r\n\r\n", 400);
        rejects(HEAD + "0\r\nA: b\u0001\r\n\r\n", 400);
        rejects(HEAD + "0\r\nA: b\n\r\n", 400);
        rejects(HEAD + "0\r\nA: b\rc\r\n\r\n", 400);
        rejects(HEAD + "0\r\n\n", 400);
    }

    @Test
    void trailersOverTheLimitsAre431() {
        HttpLimits limits = HttpLimits.DEFAULTS.withMaxHeaderCount(2).withMaxHeaderBytes(128);

        rejects(HEAD + "0\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n", limits, 431);
        rejects(HEAD + "0\r\nA: " + "v".repeat(200) + "\r\n\r\n", limits, 431);
        assertThat(exchange(HEAD + "0\r\nA: 1\r\nB: 2\r\n\r\n", limits).trailers().size()).isEqualTo(2);
    }

    @Test
    void invalidChunkSizesAre400() {
        for (String size : new String[] {"", "-1", "+1", "0x3", "g", " 3", "3 ", "3\t", "3 x"}) {
            rejects(HEAD + size + "\r\nabc\r\n0\r\n\r\n", 400);
        }
    }

    @Test
    void chunkSizeThatOverflowsALongIs400() {
        rejects(HEAD + "ffffffffffffffffff\r\nabc\r\n0\r\n\r\n", 400);
        rejects(HEAD + "10000000000000000\r\nabc\r\n0\r\n\r\n", 400);
    }

    @Test
    void chunkSizeOverTheBodyLimitIs413BeforeTheDataArrives() {
        RequestHeadParser parser = new RequestHeadParser(HttpLimits.DEFAULTS);
        RequestHead head = parser.parse(ByteBuffer.wrap(Wire.bytes(HEAD)));
        BodyDecoder decoder = BodyDecoder.forHead(head, HttpLimits.DEFAULTS);

        ByteBuffer in = ByteBuffer.wrap(Wire.bytes("7fffffffffffffff\r\n"));
        try {
            decoder.decode(in, ByteBuffer.allocate(16));
            throw new AssertionError("expected a 413");
        } catch (HttpParseException e) {
            assertThat(e.status()).isEqualTo(413);
        }
    }

    @Test
    void runningTotalOverTheBodyLimitIs413() {
        HttpLimits limits = HttpLimits.DEFAULTS.withMaxBodyBytes(8);

        assertThat(exchange(HEAD + "4\r\nabcd\r\n4\r\nefgh\r\n0\r\n\r\n", limits).body()).isEqualTo("abcdefgh");
        rejects(HEAD + "4\r\nabcd\r\n4\r\nefgh\r\n1\r\ni\r\n0\r\n\r\n", limits, 413);
    }

    @Test
    void dataNotFollowedByCrlfIs400() {
        rejects(HEAD + "3\r\nabcd\r\n0\r\n\r\n", 400);
        rejects(HEAD + "3\r\nabc\n0\r\n\r\n", 400);
        rejects(HEAD + "3\r\nabc\r0\r\n\r\n", 400);
        rejects(HEAD + "3\r\nab\r\n0\r\n\r\n", 400);
    }

    @Test
    void sizeLineEndingInLfOnlyOrBareCrIs400() {
        rejects(HEAD + "3\nabc\r\n0\r\n\r\n", 400);
        rejects(HEAD + "3\rabc\r\n0\r\n\r\n", 400);
        rejects(HEAD + "3\r\nabc\r\n0\n\r\n", 400);
        rejects(HEAD + "3\r\nabc\r\n0\r\n\n", 400);
    }

    @Test
    void bytesAfterTheLastChunkStayForTheNextRequest() {
        BodyDecoder decoder = new ChunkedDecoder(HttpLimits.DEFAULTS);
        ByteBuffer in = ByteBuffer.wrap(Wire.bytes("3\r\nabc\r\n0\r\n\r\nGET / HT"));

        assertThat(decoder.decode(in, ByteBuffer.allocate(16))).isEqualTo(3);
        assertThat(decoder.isComplete()).isTrue();
        assertThat(in.remaining()).isEqualTo(8);
    }

    @Test
    void decoderStopsWhenTheOutputIsFullAndResumes() {
        BodyDecoder decoder = new ChunkedDecoder(HttpLimits.DEFAULTS);
        ByteBuffer in = ByteBuffer.wrap(Wire.bytes("5\r\nhello\r\n0\r\n\r\n"));
        ByteBuffer out = ByteBuffer.allocate(2);

        assertThat(decoder.decode(in, out)).isEqualTo(2);
        assertThat(out.hasRemaining()).isFalse();
        assertThat(decoder.isComplete()).isFalse();
        out.clear();
        assertThat(decoder.decode(in, out)).isEqualTo(2);
        out = ByteBuffer.allocate(8);
        assertThat(decoder.decode(in, out)).isEqualTo(1);
        assertThat(decoder.isComplete()).isTrue();
        assertThat(decoder.bytesDecoded()).isEqualTo(5);
        assertThat(in.hasRemaining()).isFalse();
    }

    @Test
    void discardDropsTheBodyAndStopsAtItsEnd() {
        BodyDecoder decoder = new ChunkedDecoder(HttpLimits.DEFAULTS);
        ByteBuffer in = Wire.buffer(Wire.bytes("5\r\nhello\r\n3;x\r\nabc\r\n0\r\nT: 1\r\n\r\nNEXT"), true);

        assertThat(decoder.discard(in)).isEqualTo(8);
        assertThat(decoder.isComplete()).isTrue();
        assertThat(decoder.trailers().first("T")).contains("1");
        assertThat(in.remaining()).isEqualTo(4);
    }

    @Test
    void failureStaysOnLaterCalls() {
        BodyDecoder decoder = new ChunkedDecoder(HttpLimits.DEFAULTS);
        int[] statuses = new int[2];
        for (int i = 0; i < 2; i++) {
            try {
                decoder.decode(ByteBuffer.wrap(Wire.bytes("z\r\n")), ByteBuffer.allocate(4));
            } catch (HttpParseException e) {
                statuses[i] = e.status();
            }
        }
        assertThat(statuses).containsExactly(400, 400);
    }
}
