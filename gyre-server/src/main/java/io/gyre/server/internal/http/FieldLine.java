package io.gyre.server.internal.http;

import java.nio.charset.StandardCharsets;

/**
 * Parses one field line ({@code name ":" OWS value OWS}, RFC 9112 5) that has already been cut
 * from its line end, validating it strictly. One instance per parser; its fields hold the
 * result of the last {@link #parse} call.
 */
final class FieldLine {
    /** One of the {@link HeaderNames} ids. */
    int id;
    String name;
    String value;
    /** Where the trimmed value lies in the array given to {@link #parse}. */
    int valueFrom;
    int valueTo;

    void parse(byte[] a, int from, int to) {
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
            name = HeaderNames.name(entry, a, from, i);
        } else {
            id = HeaderNames.OTHER;
            name = new String(a, from, i - from, StandardCharsets.ISO_8859_1);
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
        value = v == end ? "" : new String(a, v, end - v, StandardCharsets.ISO_8859_1);
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
