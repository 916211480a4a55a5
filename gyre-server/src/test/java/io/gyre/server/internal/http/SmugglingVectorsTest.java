package io.gyre.server.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Classic request smuggling shapes: each is refused with the status shown, under every split,
 * so that no byte of it can be read as the start of another request.
 */
class SmugglingVectorsTest {
    private static final String NEXT = "GET /admin HTTP/1.1\r\nHost: a\r\n\r\n";

    static Stream<Arguments> vectors() {
        return Stream.of(
                vector("CL.TE", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 6\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nG", 400),
                vector("TE.CL", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n8\r\nSMUGGLED\r\n0\r\n\r\n", 400),
                vector("TE obfuscated by space before colon", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding : chunked\r\nContent-Length: 4\r\n\r\n0\r\n\r\n", 400),
                vector("TE obfuscated by folding", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding:\r\n chunked\r\n\r\n0\r\n\r\n", 400),
                vector("TE hidden behind a bare LF", "POST / HTTP/1.1\r\nHost: a\r\nX: y\nTransfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n0\r\n\r\n", 400),
                vector("TE hidden behind a bare CR", "POST / HTTP/1.1\r\nHost: a\r\nX: y\rTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400),
                vector("TE with a vertical tab", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding:\u000bchunked\r\n\r\n0\r\n\r\n", 400),
                vector("TE followed by an unknown coding", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: cow\r\n\r\n0\r\n\r\n", 400),
                vector("TE with a typo", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunkd\r\n\r\n0\r\n\r\n", 400),
                vector("TE in HTTP/1.0", "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400),
                vector("two Content-Lengths", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\nContent-Length: 44\r\n\r\n" + NEXT, 400),
                vector("Content-Length with a sign", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: +44\r\n\r\n" + NEXT, 400),
                vector("Content-Length with inner space", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 4 4\r\n\r\n" + NEXT, 400),
                vector("Content-Length in hex", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 0x2c\r\n\r\n" + NEXT, 400),
                vector("chunk size in 0x form", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0x2\r\nab\r\n0\r\n\r\n", 400),
                vector("chunk size that wraps to zero", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n10000000000000000\r\n\r\n" + NEXT, 400),
                vector("chunk size with a space", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n2 2\r\nab\r\n0\r\n\r\n", 400),
                vector("chunk extension with a bare LF", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n2;a\nb\r\nab\r\n0\r\n\r\n", 400),
                vector("chunk extension with a bare CR", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n2;a\rb\r\nab\r\n0\r\n\r\n", 400),
                vector("chunk data longer than its size", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n0\r\n\r\n", 400),
                vector("last chunk ending in LF only", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\n\n" + NEXT, 400),
                vector("request line ending in LF only", "GET / HTTP/1.1\nHost: a\n\n", 400),
                vector("NUL in a header name", "GET / HTTP/1.1\r\nHost: a\r\nX\u0000Y: z\r\n\r\n", 400),
                vector("NUL in a header value", "GET / HTTP/1.1\r\nHost: a\r\nX: y\u0000z\r\n\r\n", 400),
                vector("two Hosts", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400),
                vector("HTTP/2 preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 505));
    }

    private static Arguments vector(String name, String raw, int status) {
        return Arguments.of(name, raw, status);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void vectorIsRefused(String name, String raw, int status) {
        String reason = Wire.rejects(raw, status);

        assertThat(reason).as(name).isNotBlank();
    }
}
