package io.gyre.web.internal;

import io.gyre.web.HttpException;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A streaming {@code multipart/form-data} parser (RFC 7578): parts are copied to their sinks as
 * they arrive, so a large upload never sits in memory. Limits: 1000 parts, 16 KiB of headers
 * per part.
 */
final class MultipartParser {
    private static final int MAX_PARTS = 1000;
    private static final int MAX_HEADER_BYTES = 16 * 1024;

    private final InputStream in;
    private final byte[] delimiter; // CRLF "--" boundary
    private final long threshold;

    private MultipartParser(InputStream in, String boundary, long threshold) {
        this.in = new BufferedInputStream(in, 16 * 1024);
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.threshold = threshold;
    }

    /** Extracts the boundary parameter of a multipart content type. */
    static Optional<String> boundary(String contentType) {
        for (String parameter : contentType.split(";")) {
            String p = parameter.strip();
            if (p.regionMatches(true, 0, "boundary=", 0, 9)) {
                String value = p.substring(9);
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                return value.isEmpty() || value.length() > 70 ? Optional.empty() : Optional.of(value);
            }
        }
        return Optional.empty();
    }

    /** Parses every part; each one is registered with {@code created} as soon as it starts (for cleanup). */
    static List<SpooledFile> parse(InputStream body, String boundary, long threshold, Consumer<SpooledFile> created)
            throws IOException {
        return new MultipartParser(body, boundary, threshold).parseAll(created);
    }

    private List<SpooledFile> parseAll(Consumer<SpooledFile> created) throws IOException {
        // The first delimiter has no leading CRLF: pretend one was read.
        skipPreamble();
        List<SpooledFile> parts = new ArrayList<>();
        while (true) {
            int a = in.read();
            int b = in.read();
            if (a == '-' && b == '-') {
                return parts; // the close delimiter; the epilogue is ignored
            }
            if (a != '\r' || b != '\n') {
                throw malformed("expected CRLF after a boundary");
            }
            if (parts.size() == MAX_PARTS) {
                throw malformed("more than " + MAX_PARTS + " parts");
            }
            SpooledFile part = readHeaders();
            created.accept(part);
            copyUntilDelimiter(part.sink);
            part.sink.close();
            parts.add(part);
        }
    }

    private void skipPreamble() throws IOException {
        // Match "--boundary" at the start, or after a CRLF of the preamble.
        byte[] first = java.util.Arrays.copyOfRange(delimiter, 2, delimiter.length);
        int matched = 0;
        int atStart = 0;
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw malformed("no boundary found");
            }
            if (atStart >= 0 && c == first[atStart]) {
                atStart++;
                if (atStart == first.length) {
                    return;
                }
            } else {
                atStart = -1;
            }
            if (c == delimiter[matched]) {
                matched++;
                if (matched == delimiter.length) {
                    return;
                }
            } else {
                matched = c == delimiter[0] ? 1 : 0;
            }
        }
    }

    private SpooledFile readHeaders() throws IOException {
        String name = null;
        Optional<String> filename = Optional.empty();
        String contentType = "text/plain";
        int total = 0;
        while (true) {
            ByteArrayOutputStream line = new ByteArrayOutputStream(64);
            while (true) {
                int c = in.read();
                if (c < 0) {
                    throw malformed("the body ended inside part headers");
                }
                if (++total > MAX_HEADER_BYTES) {
                    throw malformed("part headers larger than " + MAX_HEADER_BYTES + " bytes");
                }
                if (c == '\n') {
                    break;
                }
                line.write(c);
            }
            String text = line.toString(StandardCharsets.UTF_8);
            if (text.endsWith("\r")) {
                text = text.substring(0, text.length() - 1);
            }
            if (text.isEmpty()) {
                break;
            }
            int colon = text.indexOf(':');
            if (colon <= 0) {
                throw malformed("bad part header line");
            }
            String header = text.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = text.substring(colon + 1).strip();
            if (header.equals("content-disposition")) {
                name = parameter(value, "name").orElse(null);
                filename = parameter(value, "filename");
                if (filename.isPresent()) {
                    contentType = "application/octet-stream";
                }
            } else if (header.equals("content-type")) {
                contentType = value;
            }
        }
        if (name == null) {
            throw malformed("a part has no Content-Disposition name");
        }
        return new SpooledFile(name, filename, contentType, threshold);
    }

    private static Optional<String> parameter(String disposition, String key) {
        for (String piece : disposition.split(";")) {
            String p = piece.strip();
            int eq = p.indexOf('=');
            if (eq > 0 && p.substring(0, eq).strip().equalsIgnoreCase(key)) {
                String value = p.substring(eq + 1).strip();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1).replace("\\\"", "\"");
                }
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    /** Copies bytes until CRLF "--" boundary; CR occurs only at the delimiter's start, so no backtracking is needed. */
    private void copyUntilDelimiter(OutputStream out) throws IOException {
        byte[] buffer = new byte[8192];
        int filled = 0;
        int matched = 0;
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw malformed("the body ended inside a part");
            }
            if (c == (delimiter[matched] & 0xff)) {
                matched++;
                if (matched == delimiter.length) {
                    out.write(buffer, 0, filled);
                    return;
                }
                continue;
            }
            if (matched > 0) {
                for (int i = 0; i < matched; i++) {
                    if (filled == buffer.length) {
                        out.write(buffer, 0, filled);
                        filled = 0;
                    }
                    buffer[filled++] = delimiter[i];
                }
                matched = c == '\r' ? 1 : 0;
                if (matched == 1) {
                    continue;
                }
            }
            if (filled == buffer.length) {
                out.write(buffer, 0, filled);
                filled = 0;
            }
            buffer[filled++] = (byte) c;
        }
    }

    private static HttpException malformed(String why) {
        return new HttpException(400, "There was an error parsing the multipart body: " + why);
    }
}
