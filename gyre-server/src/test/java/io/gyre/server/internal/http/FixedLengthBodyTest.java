package io.gyre.server.internal.http;

import static io.gyre.server.internal.http.Wire.head;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class FixedLengthBodyTest {
    private static RequestHead post(long length) {
        RequestHeadParser parser = new RequestHeadParser(HttpLimits.DEFAULTS);
        return parser.parse(ByteBuffer.wrap(Wire.bytes(head("POST / HTTP/1.1", "Host: a", "Content-Length: " + length))));
    }

    @Test
    void headWithoutBodyGivesACompleteDecoder() {
        RequestHead head = new RequestHeadParser(HttpLimits.DEFAULTS)
                .parse(ByteBuffer.wrap(Wire.bytes(head("GET / HTTP/1.1", "Host: a"))));
        BodyDecoder decoder = BodyDecoder.forHead(head, HttpLimits.DEFAULTS);

        assertThat(decoder.isComplete()).isTrue();
        ByteBuffer in = ByteBuffer.wrap(Wire.bytes("GET"));
        assertThat(decoder.decode(in, ByteBuffer.allocate(8))).isZero();
        assertThat(in.remaining()).isEqualTo(3);
    }

    @Test
    void decodeStopsAtTheEndOfTheBody() {
        BodyDecoder decoder = BodyDecoder.forHead(post(5), HttpLimits.DEFAULTS);
        ByteBuffer in = ByteBuffer.wrap(Wire.bytes("helloGET /"));
        ByteBuffer out = ByteBuffer.allocate(64);

        assertThat(decoder.decode(in, out)).isEqualTo(5);
        assertThat(decoder.isComplete()).isTrue();
        assertThat(new String(out.array(), 0, out.position())).isEqualTo("hello");
        assertThat(in.remaining()).isEqualTo(5);
    }

    @Test
    void decodeStopsWhenTheOutputIsFull() {
        BodyDecoder decoder = BodyDecoder.forHead(post(5), HttpLimits.DEFAULTS);
        ByteBuffer in = ByteBuffer.wrap(Wire.bytes("hello"));
        ByteBuffer out = ByteBuffer.allocateDirect(3);

        assertThat(decoder.decode(in, out)).isEqualTo(3);
        assertThat(decoder.isComplete()).isFalse();
        assertThat(decoder.bytesDecoded()).isEqualTo(3);
        assertThat(decoder.decode(in, out)).isZero();
        out.clear();
        assertThat(decoder.decode(in, out)).isEqualTo(2);
        assertThat(decoder.isComplete()).isTrue();
    }

    @Test
    void discardDropsOnlyTheBody() {
        BodyDecoder decoder = BodyDecoder.forHead(post(4), HttpLimits.DEFAULTS);
        ByteBuffer in = ByteBuffer.wrap(Wire.bytes("ab"));

        assertThat(decoder.discard(in)).isEqualTo(2);
        assertThat(decoder.isComplete()).isFalse();
        in = ByteBuffer.wrap(Wire.bytes("cdNEXT"));
        assertThat(decoder.discard(in)).isEqualTo(2);
        assertThat(decoder.isComplete()).isTrue();
        assertThat(in.remaining()).isEqualTo(4);
        assertThat(decoder.trailers().isEmpty()).isTrue();
    }
}
