package io.gyre.bench.http;

import io.gyre.server.Headers;
import io.gyre.server.internal.http.ResponseEncoder;
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
 * Response head encoding with the server's encoder, in the order the server writes a head:
 * status line, Server, Date (per-second cache), the app's fields, Content-Length, end of head.
 * ns per head; run with {@code -prof gc} for bytes per head.
 *
 * <ul>
 *   <li>{@code plaintextHead}: the /plaintext head (one app field) into a reused buffer;</li>
 *   <li>{@code plaintextHeadWithFields}: the same, but the app's fields are built per response
 *       (as a handler's {@code response.header(...)} does) and the head goes to a new buffer
 *       sized by {@code headLength};</li>
 *   <li>{@code fiveFieldHead}: a 201 with five app fields into a reused buffer.</li>
 * </ul>
 *
 * <p>Baseline in the same class: {@code copy*} puts the same head, encoded once beforehand, into
 * the reused buffer (one bulk copy: the least work for those bytes), so {@code encode / copy} is
 * the encoder's own cost as a ratio comparable across machines.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ResponseEncodeBench {
    private static final byte[] SERVER = "Server: gyre\r\n".getBytes(StandardCharsets.US_ASCII);

    private final ByteBuffer out = ByteBuffer.allocate(1024);
    private final Headers plaintext = Headers.of("Content-Type", "text/plain");
    private final Headers five = Headers.of(
            "Content-Type", "application/json",
            "Location", "/api/items/42",
            "Cache-Control", "no-store",
            "X-Request-Id", "0f8fad5b-d9cb-469f-a165-70867728950e",
            "Vary", "Accept-Encoding");

    @Benchmark
    public int plaintextHead() {
        out.clear();
        encode(out, 200, plaintext, 13);
        return out.position();
    }

    @Benchmark
    public ByteBuffer plaintextHeadWithFields() {
        Headers headers = Headers.builder().add("Content-Type", "text/plain").build();
        ByteBuffer buffer = ByteBuffer.allocate(ResponseEncoder.headLength(200, headers) + SERVER.length);
        encode(buffer, 200, headers, 13);
        return buffer.flip();
    }

    @Benchmark
    public int fiveFieldHead() {
        out.clear();
        encode(out, 201, five, 1234);
        return out.position();
    }

    private final byte[] plaintextBytes = encoded(200, plaintext, 13);
    private final byte[] fiveBytes = encoded(201, five, 1234);

    @Benchmark
    public int copyPlaintextHead() {
        out.clear();
        out.put(plaintextBytes);
        return out.position();
    }

    @Benchmark
    public int copyFiveFieldHead() {
        out.clear();
        out.put(fiveBytes);
        return out.position();
    }

    private static byte[] encoded(int status, Headers headers, long contentLength) {
        ByteBuffer b = ByteBuffer.allocate(1024);
        encode(b, status, headers, contentLength);
        return java.util.Arrays.copyOf(b.array(), b.position());
    }

    private static void encode(ByteBuffer out, int status, Headers headers, long contentLength) {
        ResponseEncoder.writeStatusLine(out, status);
        out.put(SERVER);
        ResponseEncoder.writeDate(out);
        ResponseEncoder.writeHeaders(out, headers);
        ResponseEncoder.writeContentLength(out, contentLength);
        ResponseEncoder.writeEndOfHead(out);
    }
}
