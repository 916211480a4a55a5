package io.gyre.server.internal.http;

import java.nio.charset.StandardCharsets;

/**
 * Percent-decoding of request-target parts (RFC 3986 2.1) as UTF-8. The parser keeps paths and
 * queries raw; decoding is left to the layer that knows which part it is decoding, since a
 * decoded {@code %2F} must not become a path separator before routing.
 */
public final class PercentDecoder {
    private PercentDecoder() {}

    /**
     * Decodes a raw path or path segment; {@code +} stays {@code +}.
     *
     * @param raw the raw text
     * @return the decoded text, the same instance when there is nothing to decode; malformed
     *     UTF-8 becomes U+FFFD
     * @throws HttpParseException (400) if a {@code %} is not followed by two hex digits
     */
    public static String decodePath(String raw) {
        return decode(raw, false);
    }

    /**
     * Decodes a raw query name or value ({@code application/x-www-form-urlencoded}):
     * {@code +} becomes a space.
     *
     * @param raw the raw text
     * @return the decoded text, the same instance when there is nothing to decode; malformed
     *     UTF-8 becomes U+FFFD
     * @throws HttpParseException (400) if a {@code %} is not followed by two hex digits
     */
    public static String decodeQueryComponent(String raw) {
        return decode(raw, true);
    }

    private static String decode(String raw, boolean plusIsSpace) {
        int length = raw.length();
        int first = 0;
        while (first < length) {
            char c = raw.charAt(first);
            if (c == '%' || (plusIsSpace && c == '+')) {
                break;
            }
            first++;
        }
        if (first == length) {
            return raw;
        }
        byte[] bytes = new byte[length * 3]; // chars above 0x7f take up to 3 bytes in UTF-8
        int n = 0;
        for (int i = 0; i < length; i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= length || !isHex(raw.charAt(i + 1)) || !isHex(raw.charAt(i + 2))) {
                    throw HttpParseException.badRequest("invalid percent-encoding in request target");
                }
                bytes[n++] = (byte) (hex(raw.charAt(i + 1)) << 4 | hex(raw.charAt(i + 2)));
                i += 2;
            } else if (plusIsSpace && c == '+') {
                bytes[n++] = ' ';
            } else if (c < 0x80) {
                bytes[n++] = (byte) c;
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                System.arraycopy(encoded, 0, bytes, n, encoded.length);
                n += encoded.length;
            }
        }
        return new String(bytes, 0, n, StandardCharsets.UTF_8);
    }

    private static boolean isHex(char c) {
        return c < 128 && Ascii.isHex((byte) c);
    }

    private static int hex(char c) {
        return Ascii.hexValue((byte) c);
    }
}
