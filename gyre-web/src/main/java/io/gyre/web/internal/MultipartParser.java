package io.gyre.web.internal;

import io.gyre.web.HttpException;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A streaming {@code multipart/form-data} parser (RFC 7578, RFC 2046 framing): parts are copied
 * to their sinks as they arrive, so a large upload never sits in memory. Bounded by
 * {@link FormLimits}: the number of text fields and of files, and the size of a part's headers.
 */
final class MultipartParser {
    /* Overview: the delimiter is CRLF "--" boundary. A boundary line may be followed by transport
     * padding (spaces and tabs) before its CRLF, and the close delimiter by anything (the
     * epilogue). CR can only occur at the delimiter's first byte, which is why copyUntilDelimiter
     * never has to backtrack. A part with a filename parameter is a file, any other a text field. */
    private static final int MAX_BOUNDARY = 70; // RFC 2046

    private final InputStream in;
    private final byte[] delimiter; // CRLF "--" boundary
    private final String boundary;
    private final long threshold;
    private final FormLimits limits;

    private MultipartParser(InputStream in, String boundary, long threshold, FormLimits limits) {
        this.in = new BufferedInputStream(in, 16 * 1024);
        this.boundary = boundary;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.threshold = threshold;
        this.limits = limits;
    }

    /**
     * Extracts the boundary parameter of a multipart content type.
     *
     * @throws HttpException 400 if it is missing, empty or longer than RFC 2046 allows
     */
    static String boundary(String contentType) {
        String value = parametersAfter(contentType).get("boundary");
        if (value == null || value.isEmpty()) {
            throw malformed("no boundary in Content-Type '" + contentType.strip() + "'; send e.g."
                    + " 'multipart/form-data; boundary=XyZ'");
        }
        if (value.length() > MAX_BOUNDARY) {
            throw malformed("the boundary is " + value.length() + " characters long; RFC 2046 allows at most "
                    + MAX_BOUNDARY);
        }
        return value;
    }

    /** Parses every part; each one is registered with {@code created} as soon as it starts (for cleanup). */
    static List<SpooledFile> parse(InputStream body, String boundary, long threshold, FormLimits limits,
            Consumer<SpooledFile> created) throws IOException {
        return new MultipartParser(body, boundary, threshold, limits).parseAll(created);
    }

    private List<SpooledFile> parseAll(Consumer<SpooledFile> created) throws IOException {
        List<SpooledFile> parts = new ArrayList<>();
        if (!skipPreamble()) {
            return parts; // an empty body: an empty form, as in Starlette
        }
        int fields = 0;
        int files = 0;
        while (true) {
            int a = in.read();
            if (a == '-' && in.read() == '-') {
                return parts; // the close delimiter; the epilogue is ignored
            }
            while (a == ' ' || a == '\t') {
                a = in.read(); // transport padding
            }
            if (a < 0) {
                throw malformed("the body ended before the closing boundary '--" + boundary + "--'");
            }
            if (a != '\r' || in.read() != '\n') {
                throw malformed("expected CRLF after the boundary line '--" + boundary + "'");
            }
            SpooledFile part = readHeaders();
            if (part.filename().isPresent() ? ++files > limits.maxFiles() : ++fields > limits.maxFields()) {
                throw malformed(part.filename().isPresent() ? limits.tooManyFiles() : limits.tooManyFields());
            }
            created.accept(part);
            copyUntilDelimiter(part.sink);
            part.sink.close();
            parts.add(part);
        }
    }

    /** Skips to the end of the first delimiter; false if the body is empty. */
    private boolean skipPreamble() throws IOException {
        // Match "--boundary" at the start, or CRLF "--boundary" after the preamble.
        byte[] first = Arrays.copyOfRange(delimiter, 2, delimiter.length);
        int matched = 0;
        int atStart = 0;
        boolean empty = true;
        while (true) {
            int c = in.read();
            if (c < 0) {
                if (empty) {
                    return false;
                }
                throw malformed("no boundary line '--" + boundary + "' found");
            }
            empty = false;
            if (atStart >= 0 && c == first[atStart]) {
                atStart++;
                if (atStart == first.length) {
                    return true;
                }
            } else {
                atStart = -1;
            }
            if (c == delimiter[matched]) {
                matched++;
                if (matched == delimiter.length) {
                    return true;
                }
            } else {
                matched = c == delimiter[0] ? 1 : 0;
            }
        }
    }

    private SpooledFile readHeaders() throws IOException {
        Optional<String> name = Optional.empty();
        Optional<String> filename = Optional.empty();
        String contentType = "text/plain";
        int total = 0;
        while (true) {
            ByteArrayOutputStream line = new ByteArrayOutputStream(64);
            while (true) {
                int c = in.read();
                if (c < 0) {
                    throw malformed(total == 0
                            ? "the body ended before the closing boundary '--" + boundary + "--'"
                            : "the body ended inside part headers");
                }
                if (++total > limits.maxPartHeaderBytes()) {
                    throw malformed("part headers larger than " + limits.maxPartHeaderBytes() + " bytes; raise"
                            + " WebApp.Builder.maxPartHeaderBytes(...) if such parts are expected");
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
                throw malformed("bad part header line (no name before ':')");
            }
            String header = text.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = text.substring(colon + 1).strip();
            if (header.equals("content-disposition")) {
                Map<String, String> parameters = parametersAfter(value);
                name = Optional.ofNullable(parameters.get("name"));
                filename = Optional.ofNullable(parameters.get("filename*")).flatMap(MultipartParser::extValue)
                        .or(() -> Optional.ofNullable(parameters.get("filename")));
                if (filename.isPresent()) {
                    contentType = "application/octet-stream";
                }
            } else if (header.equals("content-type")) {
                contentType = value;
            }
        }
        if (name.isEmpty()) {
            throw malformed("a part has no Content-Disposition name");
        }
        return new SpooledFile(name.get(), filename, contentType, threshold);
    }

    /** The parameters of a header value such as {@code form-data; name="a"}: what follows its first ';'. */
    private static Map<String, String> parametersAfter(String headerValue) {
        int semicolon = headerValue.indexOf(';');
        return semicolon < 0 ? Map.of() : parameters(headerValue.substring(semicolon + 1));
    }

    /**
     * Parses {@code key=value} parameters separated by ';' (RFC 9110 5.6.6): keys in lower case,
     * values as tokens or quoted strings, where ';' may occur and a backslash escapes '"' or '\\' (any
     * other backslash is kept: browsers send {@code C:\x\y.txt} as it is).
     * The first occurrence of a key wins.
     */
    static Map<String, String> parameters(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            int eq = i;
            while (eq < n && text.charAt(eq) != '=' && text.charAt(eq) != ';') {
                eq++;
            }
            String key = text.substring(i, eq).strip().toLowerCase(Locale.ROOT);
            if (eq == n || text.charAt(eq) == ';') {
                i = eq + 1; // a parameter without a value
                continue;
            }
            int j = eq + 1;
            while (j < n && (text.charAt(j) == ' ' || text.charAt(j) == '\t')) {
                j++;
            }
            StringBuilder value = new StringBuilder();
            if (j < n && text.charAt(j) == '"') {
                j++;
                while (j < n && text.charAt(j) != '"') {
                    char c = text.charAt(j++);
                    if (c == '\\' && j < n && (text.charAt(j) == '"' || text.charAt(j) == '\\')) {
                        c = text.charAt(j++); // as browsers send it, a backslash escapes only these two
                    }
                    value.append(c);
                }
                j++; // the closing quote
                while (j < n && text.charAt(j) != ';') {
                    j++; // anything after a quoted string, up to the next parameter
                }
            } else {
                int end = text.indexOf(';', j);
                end = end < 0 ? n : end;
                value.append(text, j, end);
                j = end;
            }
            if (!key.isEmpty()) {
                out.putIfAbsent(key, value.toString().strip());
            }
            i = j + 1;
        }
        return out;
    }

    /** Decodes an RFC 8187 ext-value ({@code UTF-8''na%C3%AFve.txt}); empty if malformed. */
    static Optional<String> extValue(String value) {
        int first = value.indexOf('\'');
        int second = first < 0 ? -1 : value.indexOf('\'', first + 1);
        if (second < 0) {
            return Optional.empty();
        }
        String charset = value.substring(0, first).toLowerCase(Locale.ROOT);
        Charset cs = switch (charset) {
            case "utf-8" -> StandardCharsets.UTF_8;
            case "iso-8859-1" -> StandardCharsets.ISO_8859_1;
            default -> null;
        };
        if (cs == null) {
            return Optional.empty();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        String encoded = value.substring(second + 1);
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%') {
                int hi = i + 2 < encoded.length() ? Character.digit(encoded.charAt(i + 1), 16) : -1;
                int lo = hi < 0 ? -1 : Character.digit(encoded.charAt(i + 2), 16);
                if (lo < 0) {
                    return Optional.empty();
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else if (c > 0x7f) {
                return Optional.empty();
            } else {
                bytes.write(c);
            }
        }
        return Optional.of(bytes.toString(cs));
    }

    /** Copies bytes until CRLF "--" boundary; CR occurs only at the delimiter's start, so no backtracking is needed. */
    private void copyUntilDelimiter(OutputStream out) throws IOException {
        byte[] buffer = new byte[8192];
        int filled = 0;
        int matched = 0;
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw malformed("the body ended inside a part, before the closing boundary '--" + boundary + "--'");
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
