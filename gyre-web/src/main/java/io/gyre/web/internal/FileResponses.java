package io.gyre.web.internal;

import io.gyre.server.Headers;
import io.gyre.web.HttpException;
import io.gyre.web.ResponseBody;
import io.gyre.web.WebRequest;
import io.gyre.web.WebResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Conditional requests and byte ranges for file responses (RFC 9110 sections 13 and 14). */
final class FileResponses {
    private FileResponses() {
    }

    /** One byte range of a file, sent with a {@code Content-Length}. */
    record RangeBody(Path path, long start, long length) implements ResponseBody {
        @Override
        public long length() {
            return length;
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            try (InputStream in = Files.newInputStream(path)) {
                in.skipNBytes(start);
                long left = length;
                byte[] buffer = new byte[(int) Math.min(64 * 1024, Math.max(1, left))];
                while (left > 0) {
                    int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                    if (n < 0) {
                        throw new IOException("file " + path + " shrank while being sent");
                    }
                    out.write(buffer, 0, n);
                    left -= n;
                }
            }
        }
    }

    static WebResponse resolve(WebRequest request, WebResponse response, Bodies.FileBody file) {
        return resolve(request.headers(), response, file);
    }

    /**
     * Resolves a file body against the request's conditional and range headers. Only a 200
     * answer is conditional or ranged: another status (a 404 page) is sent whole.
     */
    static WebResponse resolve(Headers request, WebResponse response, Bodies.FileBody file) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file.path(), BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new HttpException(404, "File not found");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read attributes of " + file.path(), e);
        }
        if (!attributes.isRegularFile()) {
            throw new HttpException(404, "File not found");
        }
        long size = attributes.size();
        Instant modified = attributes.lastModifiedTime().toInstant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String etag = "\"" + Long.toHexString(size) + "-" + Long.toHexString(modified.getEpochSecond()) + "\"";
        String lastModified = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.ofInstant(modified, ZoneOffset.UTC));
        WebResponse.Builder builder = response.toBuilder()
                .header("ETag", etag)
                .header("Last-Modified", lastModified)
                .header("Accept-Ranges", "bytes");
        if (response.status() == 200 && notModified(request, etag, modified)) {
            return builder.status(304).removeHeader("Content-Type").body(ResponseBody.empty()).build();
        }
        Optional<String> range = request.first("Range");
        if (range.isPresent() && response.status() == 200 && ifRangeMatches(request, etag, lastModified)) {
            Optional<long[]> bounds = parseRange(range.get(), size);
            if (bounds == null) {
                return builder.status(416).header("Content-Range", "bytes */" + size).removeHeader("Content-Type")
                        .body(ResponseBody.empty()).build();
            }
            if (bounds.isPresent()) {
                long start = bounds.get()[0];
                long end = bounds.get()[1];
                return builder.status(206)
                        .header("Content-Range", "bytes " + start + "-" + end + "/" + size)
                        .body(new RangeBody(file.path(), start, end - start + 1)).build();
            }
        }
        return builder.build();
    }

    private static boolean notModified(Headers request, String etag, Instant modified) {
        Optional<String> noneMatch = request.first("If-None-Match");
        if (noneMatch.isPresent()) {
            for (String candidate : noneMatch.get().split(",")) {
                String tag = candidate.strip();
                if (tag.equals("*") || tag.equals(etag) || tag.equals("W/" + etag)) {
                    return true;
                }
            }
            return false;
        }
        Optional<String> since = request.first("If-Modified-Since");
        if (since.isPresent()) {
            try {
                Instant when = ZonedDateTime.parse(since.get().strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return !modified.isAfter(when);
            } catch (DateTimeParseException e) {
                return false;
            }
        }
        return false;
    }

    private static boolean ifRangeMatches(Headers request, String etag, String lastModified) {
        Optional<String> ifRange = request.first("If-Range");
        return ifRange.isEmpty() || ifRange.get().strip().equals(etag) || ifRange.get().strip().equals(lastModified);
    }

    /**
     * Parses a single {@code bytes=} range: empty to ignore the header (several ranges, another
     * unit, bad syntax), null when it cannot be satisfied.
     */
    static Optional<long[]> parseRange(String header, long size) {
        String value = header.strip();
        if (!value.startsWith("bytes=") || value.indexOf(',') >= 0) {
            return Optional.empty();
        }
        String spec = value.substring(6).strip();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return Optional.empty();
        }
        try {
            String first = spec.substring(0, dash).strip();
            String last = spec.substring(dash + 1).strip();
            long start;
            long end;
            if (first.isEmpty()) {
                long suffix = Long.parseLong(last);
                if (suffix <= 0) {
                    return null;
                }
                start = Math.max(0, size - suffix);
                end = size - 1;
            } else {
                start = Long.parseLong(first);
                if (start >= size) {
                    return null;
                }
                end = last.isEmpty() ? size - 1 : Math.min(Long.parseLong(last), size - 1);
                if (end < start) {
                    return Optional.empty();
                }
            }
            if (size == 0) {
                return null;
            }
            return Optional.of(new long[] {start, end});
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
