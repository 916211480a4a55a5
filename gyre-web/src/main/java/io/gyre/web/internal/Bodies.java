package io.gyre.web.internal;

import io.gyre.web.ResponseBody;
import io.gyre.web.ServerSentEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/** The body implementations behind {@link ResponseBody} and {@link io.gyre.web.WebResponse}. */
public final class Bodies {
    private Bodies() {
    }

    /** The empty body. */
    public static final ResponseBody EMPTY = new BytesBody(new byte[0]);

    /** Bytes of known length. */
    public record BytesBody(byte[] bytes) implements ResponseBody {
        @Override
        public long length() {
            return bytes.length;
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            out.write(bytes);
        }
    }

    /** A streamed body of unknown length. */
    public record StreamBody(ResponseBody.Writer writer) implements ResponseBody {
        @Override
        public long length() {
            return -1;
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            try {
                writer.write(out);
            } catch (IOException | RuntimeException e) {
                throw e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WriterFailure(e);
            } catch (Exception e) {
                throw new WriterFailure(e);
            }
        }
    }

    /**
     * A checked failure of a stream writer, carried through {@link ResponseBody#writeTo} (which
     * may only throw {@code IOException}); the response writer reports its cause, never this.
     */
    public static final class WriterFailure extends IOException {
        private static final long serialVersionUID = 1L;

        WriterFailure(Exception cause) {
            super("stream writer failed: " + cause, cause);
        }
    }

    /** A value serialized by the app's mapper when the response is finished. */
    public record JsonBody(Object value) implements ResponseBody {
        @Override
        public long length() {
            return -1;
        }

        @Override
        public void writeTo(OutputStream out) {
            throw new IllegalStateException("internal error: JSON body written before serialization (please report)");
        }
    }

    /** A file, resolved against the request's conditional and range headers when finished. */
    public record FileBody(Path path) implements ResponseBody {
        @Override
        public long length() {
            try {
                return Files.size(path);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            Files.copy(path, out);
        }
    }

    /** A Server-Sent Events stream; written by {@link SseWriter}. */
    public record SseBody(Duration keepAlive, ServerSentEvent.Source source) implements ResponseBody {
        @Override
        public long length() {
            return -1;
        }

        @Override
        public void writeTo(OutputStream out) {
            throw new IllegalStateException("internal error: SSE body written without its request (please report)");
        }
    }

    /** A mounted handler that writes the response itself; headers added by middleware are applied first. */
    public record Mounted(io.gyre.server.Handler handler, io.gyre.server.Request request) implements ResponseBody {
        @Override
        public long length() {
            return -1;
        }

        @Override
        public void writeTo(OutputStream out) {
            throw new IllegalStateException("internal error: a mounted handler writes its own response (please report)");
        }
    }

    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"), Map.entry("htm", "text/html; charset=utf-8"),
            Map.entry("txt", "text/plain; charset=utf-8"), Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"), Map.entry("json", "application/json"),
            Map.entry("svg", "image/svg+xml"), Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"), Map.entry("gif", "image/gif"), Map.entry("webp", "image/webp"),
            Map.entry("ico", "image/x-icon"), Map.entry("pdf", "application/pdf"), Map.entry("xml", "application/xml"),
            Map.entry("wasm", "application/wasm"), Map.entry("csv", "text/csv; charset=utf-8"),
            Map.entry("md", "text/markdown; charset=utf-8"), Map.entry("zip", "application/zip"),
            Map.entry("gz", "application/gzip"), Map.entry("mp4", "video/mp4"), Map.entry("woff2", "font/woff2"));

    /** Guesses a content type from a file name. */
    public static String contentType(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return TYPES.getOrDefault(ext, "application/octet-stream");
    }
}
