package io.gyre.server.internal.http;

import java.nio.charset.StandardCharsets;

/**
 * Parses one field line ({@code name ":" OWS value OWS}, RFC 9112 5) that has already been cut
 * from its line end, validating it strictly. One instance per parser; its fields hold the
 * result of the last {@link #parse} call. Names and values come from a {@link StringCache}
 * (known names are shared constants), except credential values, which are always new strings.
 */
final class FieldLine {
    /** One of the {@link HeaderNames} ids. */
    int id;
    String name;
    String value;
    /** Where the trimmed value lies in the array given to {@link #parse}. */
    int valueFrom;
    int valueTo;

    /** Parses a[from, to) into new strings (trailer fields, which do not repeat). */
    void parse(byte[] a, int from, int to) {
        parse(a, from, to, null);
    }

    /** Parses a[from, to), taking names and values from {@code strings} when it is not null. */
    void parse(byte[] a, int from, int to, StringCache strings) {
        byte first = a[from];
        if (first == Ascii.SP || first == Ascii.HTAB) {
            throw HttpParseException.badRequest("obsolete line folding in a header field");
        }
        int i = from;
        int hash = 0;
        while (i < to) {
            byte b = a[i];
            if (!Ascii.isToken(b)) {
                break;
            }
            hash = 31 * hash + Ascii.lower(b);
            i++;
        }
        if (i == to || a[i] != ':') {
            if (i < to && (a[i] == Ascii.SP || a[i] == Ascii.HTAB)) {
                throw HttpParseException.badRequest("whitespace between header field name and colon");
            }
            throw HttpParseException.badRequest(i == to ? "header field without colon" : "invalid character in header field name");
        }
        if (i == from) {
            throw HttpParseException.badRequest("empty header field name");
        }
        int entry = HeaderNames.find(a, from, i, hash);
        if (entry >= 0) {
            id = HeaderNames.id(entry);
            String shared = HeaderNames.name(entry, a, from);
            name = shared != null ? shared : string(a, from, i, strings);
        } else {
            id = HeaderNames.OTHER;
            name = string(a, from, i, strings);
        }
        int v = i + 1;
        int end = to;
        while (v < end && (a[v] == Ascii.SP || a[v] == Ascii.HTAB)) {
            v++;
        }
        while (end > v && (a[end - 1] == Ascii.SP || a[end - 1] == Ascii.HTAB)) {
            end--;
        }
        if (!Ascii.isFieldValue(a, v, end)) {
            for (int j = v; j < end; j++) {
                if (!Ascii.isFieldValue(a[j])) {
                    throw HttpParseException.badRequest(a[j] == Ascii.CR ? "bare CR in header field value"
                            : "control character in header field value");
                }
            }
        }
        valueFrom = v;
        valueTo = end;
        // A credential is not kept: a table shared by a loop's connections is no place for secrets.
        value = v == end ? "" : string(a, v, end, id == HeaderNames.CREDENTIALS ? null : strings);
    }

    private static String string(byte[] a, int from, int to, StringCache strings) {
        return strings == null ? new String(a, from, to - from, StandardCharsets.ISO_8859_1) : strings.get(a, from, to);
    }

    /** Tells whether the comma-separated value in {@code a[from, to)} lists this lower-case token. */
    static boolean listHas(byte[] a, int from, int to, String lowerToken) {
        int start = from;
        while (start <= to) {
            int end = start;
            while (end < to && a[end] != ',') {
                end++;
            }
            int s = start;
            int e = end;
            while (s < e && (a[s] == Ascii.SP || a[s] == Ascii.HTAB)) {
                s++;
            }
            while (e > s && (a[e - 1] == Ascii.SP || a[e - 1] == Ascii.HTAB)) {
                e--;
            }
            if (e - s == lowerToken.length() && regionEqualsIgnoreCase(a, s, lowerToken)) {
                return true;
            }
            start = end + 1;
        }
        return false;
    }

    static boolean regionEqualsIgnoreCase(byte[] a, int from, String lowerToken) {
        for (int k = 0; k < lowerToken.length(); k++) {
            if (Ascii.lower(a[from + k]) != lowerToken.charAt(k)) {
                return false;
            }
        }
        return true;
    }
}
