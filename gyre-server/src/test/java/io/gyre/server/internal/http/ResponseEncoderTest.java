package io.gyre.server.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gyre.server.Headers;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ResponseEncoderTest {
    private static String text(ByteBuffer out) {
        ByteBuffer copy = out.duplicate().flip();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    @Test
    void writesStatusLineHeadersAndEndOfHead() {
        ByteBuffer out = ByteBuffer.allocate(256);

        ResponseEncoder.writeHead(out, 200, Headers.of("Content-Type", "text/plain", "X-Two", "a", "x-two", "b"));

        assertThat(text(out)).isEqualTo("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nX-Two: a\r\nx-two: b\r\n\r\n");
    }

    @Test
    void writesTheSameIntoDirectBuffers() {
        ByteBuffer out = ByteBuffer.allocateDirect(256);

        ResponseEncoder.writeHead(out, 404, Headers.of("Content-Length", "0"));

        assertThat(text(out)).isEqualTo("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
    }

    @Test
    void statusLinesCarryRegisteredReasonPhrases() {
        int[] codes = {100, 101, 204, 301, 304, 400, 408, 413, 414, 431, 500, 501, 503, 505};
        String[] reasons = {"Continue", "Switching Protocols", "No Content", "Moved Permanently", "Not Modified",
            "Bad Request", "Request Timeout", "Content Too Large", "URI Too Long", "Request Header Fields Too Large",
            "Internal Server Error", "Not Implemented", "Service Unavailable", "HTTP Version Not Supported"};
        for (int i = 0; i < codes.length; i++) {
            ByteBuffer out = ByteBuffer.allocate(64);
            ResponseEncoder.writeStatusLine(out, codes[i]);
            assertThat(text(out)).isEqualTo("HTTP/1.1 " + codes[i] + " " + reasons[i] + "\r\n");
            assertThat(HttpStatus.reason(codes[i])).isEqualTo(reasons[i]);
        }
    }

    @Test
    void unregisteredStatusHasAnEmptyReason() {
        ByteBuffer out = ByteBuffer.allocate(64);

        ResponseEncoder.writeStatusLine(out, 299);

        assertThat(text(out)).isEqualTo("HTTP/1.1 299 \r\n");
        assertThat(HttpStatus.reason(299)).isEmpty();
        assertThat(HttpStatus.reason(1000)).isEmpty();
    }

    @Test
    void statusOutOfRangeIsRefused() {
        assertThatThrownBy(() -> ResponseEncoder.writeStatusLine(ByteBuffer.allocate(64), 99))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("99");
        assertThatThrownBy(() -> ResponseEncoder.writeStatusLine(ByteBuffer.allocate(64), 600))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void contentLengthIsWrittenInDecimal() {
        for (long length : new long[] {0, 7, 10, 99, 100, 12345, Long.MAX_VALUE}) {
            ByteBuffer out = ByteBuffer.allocate(64);
            ResponseEncoder.writeContentLength(out, length);
            assertThat(text(out)).isEqualTo("Content-Length: " + length + "\r\n");
        }
        assertThatThrownBy(() -> ResponseEncoder.writeContentLength(ByteBuffer.allocate(64), -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void dateHeaderLineIsWritten() {
        ByteBuffer out = ByteBuffer.allocate(64);

        ResponseEncoder.writeDate(out);

        assertThat(text(out)).matches("Date: [A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT\r\n");
    }

    @Test
    void lineBreaksInHeaderTextAreRefusedAndNothingIsWritten() {
        ByteBuffer out = ByteBuffer.allocate(64);
        out.put((byte) 'x');

        assertThatThrownBy(() -> ResponseEncoder.writeHeader(out, "X-A", "a\r\nSet-Cookie: evil"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line breaks");
        assertThatThrownBy(() -> ResponseEncoder.writeHeader(out, "X-A\n", "a"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ResponseEncoder.writeHeader(out, "X-A", "\u20ac"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(out.position()).isEqualTo(1);
    }

    @Test
    void latin1HeaderValuesAreWrittenAsSingleBytes() {
        ByteBuffer out = ByteBuffer.allocate(64);

        ResponseEncoder.writeHeader(out, "X-Name", "caf\u00e9");

        assertThat(out.position()).isEqualTo("X-Name: caf\u00e9\r\n".length());
        assertThat(text(out)).isEqualTo("X-Name: caf\u00e9\r\n");
    }

    @Test
    void headThatDoesNotFitLeavesTheBufferUnchanged() {
        ByteBuffer out = ByteBuffer.allocate(30);
        Headers headers = Headers.of("Content-Type", "text/plain; charset=utf-8");

        assertThatThrownBy(() -> ResponseEncoder.writeHead(out, 200, headers)).isInstanceOf(BufferOverflowException.class);
        assertThat(out.position()).isZero();
        assertThatThrownBy(() -> ResponseEncoder.writeContentLength(ByteBuffer.allocate(17), 123))
                .isInstanceOf(BufferOverflowException.class);
    }

    @Test
    void headLengthIsAnUpperBoundOfTheWrittenHead() {
        Headers headers = Headers.of("Content-Type", "application/json", "Server", "gyre");
        ByteBuffer out = ByteBuffer.allocate(ResponseEncoder.headLength(503, headers));

        ResponseEncoder.writeStatusLine(out, 503);
        ResponseEncoder.writeDate(out);
        ResponseEncoder.writeContentLength(out, Long.MAX_VALUE);
        ResponseEncoder.writeHeaders(out, headers);
        ResponseEncoder.writeEndOfHead(out);

        assertThat(out.remaining()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void chunkHeadersAreLowerCaseHexWithoutPadding() {
        int[] sizes = {1, 9, 10, 15, 16, 255, 256, 4096, 65535, Integer.MAX_VALUE};
        for (int size : sizes) {
            ByteBuffer out = ByteBuffer.allocate(16);
            ResponseEncoder.writeChunkHeader(out, size);
            assertThat(text(out)).isEqualTo(Integer.toHexString(size) + "\r\n");
        }
        assertThatThrownBy(() -> ResponseEncoder.writeChunkHeader(ByteBuffer.allocate(16), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("writeLastChunk");
        assertThatThrownBy(() -> ResponseEncoder.writeChunkHeader(ByteBuffer.allocate(3), 0x100))
                .isInstanceOf(BufferOverflowException.class);
    }

    @Test
    void chunkedBodyFramingIsReadBackByTheDecoder() {
        ByteBuffer out = ByteBuffer.allocate(256);
        for (String piece : new String[] {"hello ", "chunked ", "world"}) {
            ResponseEncoder.writeChunkHeader(out, piece.length());
            out.put(piece.getBytes(StandardCharsets.US_ASCII));
            ResponseEncoder.writeChunkEnd(out);
        }
        ResponseEncoder.writeLastChunk(out, Headers.of("X-Checksum", "abc"));

        String framed = text(out);
        assertThat(framed).isEqualTo("6\r\nhello \r\n8\r\nchunked \r\n5\r\nworld\r\n0\r\nX-Checksum: abc\r\n\r\n");
        Wire.Exchange exchange = Wire.exchange(
                Wire.head("POST / HTTP/1.1", "Host: a", "Transfer-Encoding: chunked") + framed);
        assertThat(exchange.body()).isEqualTo("hello chunked world");
        assertThat(exchange.trailers().first("x-checksum")).contains("abc");
    }

    @Test
    void lastChunkWithoutTrailersIsTheSharedConstant() {
        ByteBuffer out = ByteBuffer.allocate(16);

        ResponseEncoder.writeLastChunk(out, Headers.empty());

        assertThat(text(out)).isEqualTo("0\r\n\r\n");
        assertThat(new String(ResponseEncoder.LAST_CHUNK, StandardCharsets.US_ASCII)).isEqualTo("0\r\n\r\n");
        assertThat(new String(ResponseEncoder.CONTINUE, StandardCharsets.US_ASCII))
                .isEqualTo("HTTP/1.1 100 Continue\r\n\r\n");
    }
}
