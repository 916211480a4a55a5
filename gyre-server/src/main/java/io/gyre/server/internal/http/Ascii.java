package io.gyre.server.internal.http;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Byte classes of RFC 9110/9112, as lookup tables indexed by the unsigned byte. */
final class Ascii {
    static final byte CR = '\r';
    static final byte LF = '\n';
    static final byte SP = ' ';
    static final byte HTAB = '\t';

    private static final int TOKEN = 1;
    /** Characters allowed in a field value: VCHAR, obs-text, SP, HTAB. */
    private static final int FIELD_VALUE = 2;
    /** Characters allowed in a request-target: VCHAR only (no obs-text, no spaces). */
    private static final int TARGET = 4;
    private static final int HEX = 8;

    private static final byte[] CLASSES = new byte[256];

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long LFS = 0x0A0A0A0A0A0A0A0AL;
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    static {
        for (int c = 0x21; c < 0x7f; c++) {
            CLASSES[c] |= FIELD_VALUE | TARGET;
        }
        for (int c = 0x80; c < 0x100; c++) {
            CLASSES[c] |= FIELD_VALUE;
        }
        CLASSES[' '] |= FIELD_VALUE;
        CLASSES['\t'] |= FIELD_VALUE;
        for (int c = '0'; c <= '9'; c++) {
            CLASSES[c] |= TOKEN | HEX;
        }
        for (int c = 'a'; c <= 'z'; c++) {
            CLASSES[c] |= TOKEN;
            CLASSES[c - 32] |= TOKEN;
        }
        for (int c = 'a'; c <= 'f'; c++) {
            CLASSES[c] |= HEX;
            CLASSES[c - 32] |= HEX;
        }
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
            CLASSES[c] |= TOKEN;
        }
    }

    private Ascii() {}

    static boolean isToken(byte b) {
        return (CLASSES[b & 0xff] & TOKEN) != 0;
    }

    static boolean isFieldValue(byte b) {
        return (CLASSES[b & 0xff] & FIELD_VALUE) != 0;
    }

    static boolean isTarget(byte b) {
        return (CLASSES[b & 0xff] & TARGET) != 0;
    }

    static boolean isHex(byte b) {
        return (CLASSES[b & 0xff] & HEX) != 0;
    }

    /** Returns the value of a hex digit; the byte must satisfy {@link #isHex}. */
    static int hexValue(byte b) {
        return b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10;
    }

    /**
     * Returns the index of the first LF in a[from, to), or {@code to} if there is none. Reads
     * eight bytes at a time: a byte of {@code word ^ LFS} is zero where an LF is, and the
     * lowest set high bit of {@code (x - ONES) & ~x & HIGHS} marks the first zero byte.
     */
    static int indexOfLf(byte[] a, int from, int to) {
        int i = from;
        for (; i <= to - 8; i += 8) {
            long x = (long) LONGS.get(a, i) ^ LFS;
            long found = (x - ONES) & ~x & HIGHS;
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        while (i < to && a[i] != LF) {
            i++;
        }
        return i;
    }

    /**
     * Tells whether every byte of a[from, to) may appear in a field value. Eight bytes at a
     * time: a word with no byte below 0x20 and no 0x7F passes at once; a word with one (a tab,
     * or a real control character) is checked byte by byte.
     */
    static boolean isFieldValue(byte[] a, int from, int to) {
        int i = from;
        for (; i <= to - 8; i += 8) {
            long x = (long) LONGS.get(a, i);
            long del = x ^ 0x7F7F7F7F7F7F7F7FL;
            long suspicious = ((x - 0x2020202020202020L) & ~x) | ((del - ONES) & ~del);
            if ((suspicious & HIGHS) != 0) {
                for (int j = i; j < i + 8; j++) {
                    if (!isFieldValue(a[j])) {
                        return false;
                    }
                }
            }
        }
        for (; i < to; i++) {
            if (!isFieldValue(a[i])) {
                return false;
            }
        }
        return true;
    }

    static byte lower(byte b) {
        return b >= 'A' && b <= 'Z' ? (byte) (b + 32) : b;
    }
}
