package io.gyre.server.internal;

import io.gyre.server.Headers;
import io.gyre.server.internal.http.BodyDecoder;
import io.gyre.server.internal.http.HttpDate;
import io.gyre.server.internal.http.HttpLimits;
import io.gyre.server.internal.http.RequestHead;
import io.gyre.server.internal.http.RequestHeadParser;
import io.gyre.server.internal.http.ResponseEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Loads and initialises the codec classes before the listener binds, so the first request's
 * class loading does not happen on a loop thread (where the blocked-loop watchdog would rightly
 * report it, and the first client would wait for it).
 */
final class CodecWarmup {
    private static final String SAMPLE = "POST /warmup?x=1 HTTP/1.1\r\nHost: localhost\r\nUser-Agent: gyre\r\n"
            + "Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n";

    private CodecWarmup() {
    }

    static void run() {
        ByteBuffer in = ByteBuffer.wrap(SAMPLE.getBytes(StandardCharsets.US_ASCII));
        RequestHeadParser parser = new RequestHeadParser(HttpLimits.DEFAULTS);
        RequestHead head = parser.parse(in);
        if (head == null) {
            throw new IllegalStateException("internal error: the warm-up request did not parse (please report)");
        }
        BodyDecoder body = BodyDecoder.forHead(head, HttpLimits.DEFAULTS);
        body.decode(in, ByteBuffer.allocate(16));
        ByteBuffer out = ByteBuffer.allocate(512);
        ResponseEncoder.writeHead(out, 200, Headers.of("Content-Type", "text/plain", "Content-Length", "0"));
        HttpDate.now();
    }
}
