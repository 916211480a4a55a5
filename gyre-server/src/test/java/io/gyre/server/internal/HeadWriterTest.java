package io.gyre.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.gyre.server.Headers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HeadWriterTest {
    private static String text(ByteBuffer b) {
        return StandardCharsets.ISO_8859_1.decode(b.duplicate()).toString();
    }

    @Test
    void serverOwnedFieldsSurroundTheAppFields() {
        ByteBuffer head = HeadWriter.encode(200, Headers.of("Content-Type", "text/plain"), true, true, 13, false,
                HeadWriter.CONNECTION_NONE);

        String s = text(head);
        assertThat(s).startsWith("HTTP/1.1 200 OK\r\nServer: gyre\r\nDate: ");
        assertThat(s).endsWith(" GMT\r\nContent-Type: text/plain\r\nContent-Length: 13\r\n\r\n");
    }

    @Test
    void appFieldsReplaceServerAndDate() {
        ByteBuffer head = HeadWriter.encode(404, Headers.of("Server", "mine", "Date", "yesterday"), true, true, -1,
                true, HeadWriter.CONNECTION_CLOSE);

        assertThat(text(head)).isEqualTo("HTTP/1.1 404 Not Found\r\nServer: mine\r\nDate: yesterday\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
    }

    @Test
    void encodingIntoABufferAppendsAtItsPosition() {
        ByteBuffer out = ByteBuffer.allocate(512);
        out.put((byte) 'x');

        HeadWriter.encode(out, 204, Headers.empty(), false, false, -1, false, HeadWriter.CONNECTION_KEEP_ALIVE);

        assertThat(text(out.flip())).isEqualTo("xHTTP/1.1 204 No Content\r\nConnection: keep-alive\r\n\r\n");
    }

    @Test
    void headLengthBoundsTheLongestHead() {
        Headers headers = Headers.of("X-A", "v".repeat(300), "X-B", "");
        ByteBuffer out = ByteBuffer.allocate(HeadWriter.headLength(headers));

        HeadWriter.encode(out, 431, headers, true, true, Long.MAX_VALUE, true, HeadWriter.CONNECTION_KEEP_ALIVE);

        assertThat(out.position()).isLessThanOrEqualTo(out.capacity());
        assertThat(text(out.flip())).contains("Content-Length: " + Long.MAX_VALUE + "\r\n");
    }

    @Test
    void statusesWithoutARegisteredPhraseAreStillEncoded() {
        assertThat(text(HeadWriter.encode(299, Headers.empty(), false, false, 0, false, HeadWriter.CONNECTION_NONE)))
                .startsWith("HTTP/1.1 299 \r\n");
        assertThat(text(HeadWriter.encode(799, Headers.empty(), false, false, 0, false, HeadWriter.CONNECTION_NONE)))
                .startsWith("HTTP/1.1 799 \r\n");
        assertThat(HeadWriter.reason(799)).isEqualTo("Status");
    }

    @Test
    void errorResponsesCarryTheirMessageAndClose() {
        String s = text(HeadWriter.error(431, "Request Header Fields Too Large: too many", false, false));

        assertThat(s).isEqualTo("HTTP/1.1 431 Request Header Fields Too Large\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\nContent-Length: 42\r\nConnection: close\r\n\r\n"
                + "Request Header Fields Too Large: too many\n");
    }
}
