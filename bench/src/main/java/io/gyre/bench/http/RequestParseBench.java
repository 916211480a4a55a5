package io.gyre.bench.http;

import io.gyre.server.internal.http.BodyDecoder;
import io.gyre.server.internal.http.HttpLimits;
import io.gyre.server.internal.http.RequestHead;
import io.gyre.server.internal.http.RequestHeadParser;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * HTTP/1.1 request parsing with the server's own parser and body decoder, as a connection uses
 * them: one parser reused across requests ({@code reset()} between heads), the request already
 * in a heap buffer. ns per request; run with {@code -prof gc} for bytes per request.
 *
 * <ul>
 *   <li>{@code simpleGet}: {@code GET /plaintext} with Host only (wrk's request);</li>
 *   <li>{@code tenHeaderGet}: a browser-like GET with 10 fields and a query;</li>
 *   <li>{@code chunkedPost}: a POST head with 4 fields and a 3-chunk body of 64 bytes, decoded
 *       into a reused buffer.</li>
 * </ul>
 *
 * <p>Baseline in the same class: {@code scan*} only finds the end of the head (the first
 * CRLFCRLF) in the same bytes, the least work any HTTP/1.1 parser does, so {@code parse / scan}
 * is the parser's own cost as a ratio comparable across machines.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RequestParseBench {
    static final String SIMPLE_GET = "GET /plaintext HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n\r\n";
    static final String TEN_HEADER_GET = "GET /api/items/42?expand=owner&fields=name,price HTTP/1.1\r\n"
            + "Host: shop.example.com\r\n"
            + "User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0\r\n"
            + "Accept: application/json, text/plain, */*\r\n"
            + "Accept-Language: en-GB,en;q=0.7,de;q=0.3\r\n"
            + "Accept-Encoding: gzip, deflate, br\r\n"
            + "Referer: https://shop.example.com/items\r\n"
            + "Cookie: session=8f14e45fceea167a5a36dedd4bea2543; theme=dark\r\n"
            + "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI0MiJ9.c2lnbmF0dXJl\r\n"
            + "Connection: keep-alive\r\n"
            + "Cache-Control: no-cache\r\n"
            + "\r\n";
    static final String CHUNKED_POST = "POST /api/items HTTP/1.1\r\n"
            + "Host: shop.example.com\r\n"
            + "Content-Type: application/json\r\n"
            + "Transfer-Encoding: chunked\r\n"
            + "Accept: application/json\r\n"
            + "\r\n"
            + "14\r\n{\"name\":\"widget\",\"pr\r\n"
            + "14\r\nice\":12.5,\"tags\":[\"a\r\n"
            + "18\r\n\",\"b\"],\"stock\":1000000}\n\r\n"
            + "0\r\n\r\n";

    private final RequestHeadParser parser = new RequestHeadParser(HttpLimits.DEFAULTS);
    private final ByteBuffer simpleGet = bytes(SIMPLE_GET);
    private final ByteBuffer tenHeaderGet = bytes(TEN_HEADER_GET);
    private final ByteBuffer chunkedPost = bytes(CHUNKED_POST);
    private final ByteBuffer body = ByteBuffer.allocate(256);

    @Benchmark
    public RequestHead simpleGet() {
        return head(simpleGet);
    }

    @Benchmark
    public RequestHead tenHeaderGet() {
        return head(tenHeaderGet);
    }

    @Benchmark
    public long chunkedPost() {
        RequestHead head = head(chunkedPost);
        BodyDecoder decoder = BodyDecoder.forHead(head, HttpLimits.DEFAULTS);
        body.clear();
        decoder.decode(chunkedPost, body);
        if (!decoder.isComplete()) {
            throw new IllegalStateException("chunked body not complete after " + decoder.bytesDecoded() + " bytes");
        }
        return decoder.bytesDecoded();
    }

    @Benchmark
    public int scanSimpleGet() {
        return endOfHead(simpleGet);
    }

    @Benchmark
    public int scanTenHeaderGet() {
        return endOfHead(tenHeaderGet);
    }

    @Benchmark
    public int scanChunkedPost() {
        return endOfHead(chunkedPost);
    }

    private static int endOfHead(ByteBuffer request) {
        byte[] a = request.array();
        for (int i = 3, n = request.limit(); i < n; i++) {
            if (a[i] == '\n' && a[i - 1] == '\r' && a[i - 2] == '\n' && a[i - 3] == '\r') {
                return i + 1;
            }
        }
        return -1;
    }

    private RequestHead head(ByteBuffer request) {
        parser.reset();
        request.clear();
        RequestHead head = parser.parse(request);
        if (head == null) {
            throw new IllegalStateException("request head not complete: " + request);
        }
        return head;
    }

    static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1));
    }
}
