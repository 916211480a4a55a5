package io.gyre.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

/**
 * Compresses responses with gzip when the client accepts it: bodies of known size from
 * {@code minimumSize} bytes, and streamed bodies (each flush of the writer reaches the client).
 * Skips Server-Sent Events, responses that already have a {@code Content-Encoding}, byte
 * ranges, 1xx, 204 and 304 responses, bodies under the minimum, and media that is compressed
 * already, where gzip costs CPU and saves nothing: {@code image/*} other than
 * {@code image/svg+xml}, {@code video/*}, {@code audio/*}, {@code font/woff} and
 * {@code font/woff2}, and the archive and PDF types ({@code application/zip}, {@code gzip},
 * {@code x-gzip}, {@code zstd}, {@code x-bzip2}, {@code x-xz}, {@code x-7z-compressed},
 * {@code vnd.rar}, {@code pdf}). The client accepts gzip
 * when its {@code Accept-Encoding} lists {@code gzip} (or {@code x-gzip}) with a quality above
 * 0, or else {@code *} with a quality above 0. Responses it could compress carry
 * {@code Vary: Accept-Encoding} whether or not this client got them compressed.
 */
public final class GZip implements Middleware {
    private static final Set<String> COMPRESSED_APPLICATION_TYPES = Set.of("zip", "gzip", "x-gzip", "zstd", "x-bzip2",
            "x-xz", "x-7z-compressed", "vnd.rar", "x-rar-compressed", "pdf");
    private static final Pattern QUALITY = Pattern.compile("0(\\.[0-9]{0,3})?|1(\\.0{0,3})?");
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
        if (response.body() instanceof io.gyre.web.internal.Bodies.Mounted) {
            return response;
        }
        String type = response.headers().first("Content-Type").orElse("");
        long length = response.body().length();
        if (response.headers().contains("Content-Encoding") || response.headers().contains("Content-Range")
                || type.startsWith("text/event-stream") || compressedAlready(type) || response.status() < 200 || response.status() == 204
                || response.status() == 304 || length == 0 || (length > 0 && length < minimumSize)) {
            return response;
        }
        // From here the encoding depends on Accept-Encoding, so caches must key on it, also
        // when this client gets the body as it is.
        if (!acceptsGzip(request.headers().all("Accept-Encoding"))) {
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

    private static boolean compressedAlready(String contentType) {
        int end = contentType.indexOf(';');
        String type = (end < 0 ? contentType : contentType.substring(0, end)).strip().toLowerCase(Locale.ROOT);
        int slash = type.indexOf('/');
        if (slash < 0) {
            return false;
        }
        return switch (type.substring(0, slash)) {
            case "image" -> !type.equals("image/svg+xml");
            case "video", "audio" -> true;
            case "font" -> type.equals("font/woff") || type.equals("font/woff2");
            case "application" -> COMPRESSED_APPLICATION_TYPES.contains(type.substring(slash + 1));
            default -> false;
        };
    }

    /*
     * RFC 9110 12.5.3: gzip (or its alias x-gzip) with a quality above 0, or else * with a
     * quality above 0. An element with a malformed quality is ignored.
     */
    private static boolean acceptsGzip(List<String> values) {
        double gzip = -1;
        double any = -1;
        for (String value : values) {
            for (String element : value.split(",")) {
                String[] parts = element.split(";");
                String coding = parts[0].strip();
                double quality = quality(parts);
                if (coding.equalsIgnoreCase("gzip") || coding.equalsIgnoreCase("x-gzip")) {
                    gzip = Math.max(gzip, quality);
                } else if (coding.equals("*")) {
                    any = Math.max(any, quality);
                }
            }
        }
        return gzip >= 0 ? gzip > 0 : any > 0;
    }

    private static double quality(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip();
            if (parameter.length() > 2 && parameter.regionMatches(true, 0, "q=", 0, 2)) {
                String number = parameter.substring(2);
                if (!QUALITY.matcher(number).matches()) {
                    return -1;
                }
                return Double.parseDouble(number);
            }
        }
        return 1;
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
