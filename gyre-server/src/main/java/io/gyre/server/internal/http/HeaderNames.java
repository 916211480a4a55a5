package io.gyre.server.internal.http;

import java.nio.charset.StandardCharsets;

/**
 * Field names the server knows: shared String instances for common names (so a request does
 * not allocate a name String for them) and ids for the fields that drive framing and
 * connection handling.
 */
final class HeaderNames {
    static final int OTHER = 0;
    static final int HOST = 1;
    static final int CONTENT_LENGTH = 2;
    static final int TRANSFER_ENCODING = 3;
    static final int CONNECTION = 4;
    static final int EXPECT = 5;
    static final int UPGRADE = 6;
    /** Fields that carry credentials: their values are never kept in a {@link StringCache}. */
    static final int CREDENTIALS = 7;

    private static final String[] COMMON = {
        "Accept", "Accept-Charset", "Accept-Encoding", "Accept-Language",
        "Cache-Control", "Content-Encoding", "Content-Type", "DNT", "Forwarded",
        "If-Match", "If-Modified-Since", "If-None-Match", "Keep-Alive", "Origin", "Pragma",
        "Priority", "Range", "Referer", "Sec-Fetch-Dest", "Sec-Fetch-Mode", "Sec-Fetch-Site",
        "Sec-Fetch-User", "Sec-WebSocket-Extensions", "Sec-WebSocket-Key", "Sec-WebSocket-Protocol",
        "Sec-WebSocket-Version", "TE", "Upgrade-Insecure-Requests", "User-Agent", "Via",
        "X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto", "X-Real-IP", "X-Request-Id",
    };

    /** Open-addressing table keyed by the hash of the lower-case name (String.hashCode). */
    private static final int MASK = 127;
    private static final Entry[] TABLE = new Entry[MASK + 1];

    private record Entry(byte[] lower, byte[] canonicalBytes, String canonical, String lowerCase, int id) {}

    static {
        put("Host", HOST);
        put("Content-Length", CONTENT_LENGTH);
        put("Transfer-Encoding", TRANSFER_ENCODING);
        put("Connection", CONNECTION);
        put("Expect", EXPECT);
        put("Upgrade", UPGRADE);
        put("Authorization", CREDENTIALS);
        put("Proxy-Authorization", CREDENTIALS);
        put("Cookie", CREDENTIALS);
        for (String name : COMMON) {
            put(name, OTHER);
        }
    }

    private HeaderNames() {}

    private static void put(String canonical, int id) {
        String lowerCase = canonical.toLowerCase(java.util.Locale.ROOT).intern();
        Entry entry = new Entry(lowerCase.getBytes(StandardCharsets.US_ASCII),
                canonical.getBytes(StandardCharsets.US_ASCII), canonical, lowerCase, id);
        int i = slot(lowerCase.hashCode());
        while (TABLE[i] != null) {
            i = (i + 1) & MASK;
        }
        TABLE[i] = entry;
    }

    private static int slot(int hash) {
        return (hash ^ (hash >>> 7) ^ (hash >>> 16)) & MASK;
    }

    /**
     * Finds a known name. {@code lowerHash} is the String hash of the name in lower case.
     * Returns the entry index or -1.
     */
    static int find(byte[] a, int from, int to, int lowerHash) {
        int length = to - from;
        for (int i = slot(lowerHash); ; i = (i + 1) & MASK) {
            Entry entry = TABLE[i];
            if (entry == null) {
                return -1;
            }
            byte[] lower = entry.lower;
            if (lower.length == length && equalsIgnoreCase(a, from, lower)) {
                return i;
            }
        }
    }

    static int id(int entry) {
        return TABLE[entry].id;
    }

    /** Returns the shared String when the bytes spell it exactly (canonical or lower case), else null. */
    static String name(int entry, byte[] a, int from) {
        Entry e = TABLE[entry];
        if (equalsExactly(a, from, e.canonicalBytes)) {
            return e.canonical;
        }
        if (equalsExactly(a, from, e.lower)) {
            return e.lowerCase;
        }
        return null;
    }

    private static boolean equalsIgnoreCase(byte[] a, int from, byte[] lower) {
        for (int i = 0; i < lower.length; i++) {
            if (Ascii.lower(a[from + i]) != lower[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean equalsExactly(byte[] a, int from, byte[] expected) {
        for (int i = 0; i < expected.length; i++) {
            if (a[from + i] != expected[i]) {
                return false;
            }
        }
        return true;
    }
}
