package io.gyre.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPOutputStream;

/**
 * Compresses responses with gzip when the client accepts it: bodies of known size from
 * {@code minimumSize} bytes, and streamed bodies. Skips Server-Sent Events, responses that
 * already have a {@code Content-Encoding}, byte ranges, and bodies under the minimum.
 */
public final class GZip implements Middleware {
    private final int minimumSize;
    private final int level;

    private GZip(int minimumSize, int level) {
        this.minimumSize = minimumSize;
        this.level = level;
    }

    /**
     * Returns gzip for bodies from 500 bytes, at compression level 6.
     *
     * @return the middleware
     */
    public static GZip create() {
        return new GZip(500, 6);
    }

    /**
     * Returns gzip with a minimum size and level.
     *
     * @param minimumSize smaller known-size bodies are sent as they are
     * @param level the deflate level, 1 (fast) to 9 (small)
     * @return the middleware
     * @throws IllegalArgumentException if an argument is out of range
     */
    public static GZip create(int minimumSize, int level) {
        if (minimumSize < 0 || level < 1 || level > 9) {
            throw new IllegalArgumentException("GZip.create(minimumSize >= 0, level 1..9): " + minimumSize + ", " + level);
        }
        return new GZip(minimumSize, level);
    }

    @Override
    public WebResponse handle(WebRequest request, Next next) throws Exception {
        WebResponse response = next.proceed(request);
        if (!request.headers().containsToken("Accept-Encoding", "gzip")
                || response.body() instanceof io.gyre.web.internal.Bodies.Mounted) {
            return response;
        }
        String type = response.headers().first("Content-Type").orElse("");
        long length = response.body().length();
        if (response.headers().contains("Content-Encoding") || response.headers().contains("Content-Range")
                || type.startsWith("text/event-stream") || response.status() < 200 || response.status() == 204
                || response.status() == 304 || length == 0 || (length > 0 && length < minimumSize)) {
            return response.toBuilder().addHeader("Vary", "Accept-Encoding").build();
        }
        ResponseBody original = response.body();
        ResponseBody compressed;
        if (length > 0 && length <= 1 << 20) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream((int) Math.max(64, length / 3));
            try (GZIPOutputStream gzip = new LevelGzip(buffer, level)) {
                original.writeTo(gzip);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            compressed = ResponseBody.of(buffer.toByteArray());
        } else {
            compressed = ResponseBody.stream(out -> {
                GZIPOutputStream gzip = new LevelGzip(nonClosing(out), level);
                original.writeTo(gzip);
                gzip.finish();
                gzip.flush();
            });
        }
        return response.toBuilder()
                .header("Content-Encoding", "gzip")
                .addHeader("Vary", "Accept-Encoding")
                .removeHeader("Content-Length")
                .removeHeader("ETag")
                .body(compressed)
                .build();
    }

    private static OutputStream nonClosing(OutputStream out) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void flush() throws IOException {
                out.flush();
            }
        };
    }

    /** A gzip stream with a level and sync flush, so streamed chunks reach the client. */
    private static final class LevelGzip extends GZIPOutputStream {
        LevelGzip(OutputStream out, int level) throws IOException {
            super(out, 8192, true);
            def.setLevel(level);
        }
    }
}
