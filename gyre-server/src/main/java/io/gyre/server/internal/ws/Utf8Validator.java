package io.gyre.server.internal.ws;

/**
 * Incremental UTF-8 validation (RFC 3629): bytes may arrive in any number of pieces, split
 * anywhere, including inside a code point. Rejects overlong forms, surrogates and code points
 * above U+10FFFF. Not thread-safe.
 */
final class Utf8Validator {
    /** Continuation bytes still expected for the current code point. */
    private int pending;
    /** Allowed range of the next continuation byte (narrower right after some lead bytes). */
    private int low = 0x80;
    private int high = 0xBF;

    /** Checks the bytes; returns false at the first byte that cannot be valid UTF-8. */
    boolean accept(byte[] b, int off, int len) {
        for (int i = off, end = off + len; i < end; i++) {
            int c = b[i] & 0xFF;
            if (pending == 0) {
                if (c < 0x80) {
                    continue;
                }
                if (!lead(c)) {
                    return false;
                }
            } else {
                if (c < low || c > high) {
                    return false;
                }
                low = 0x80;
                high = 0xBF;
                pending--;
            }
        }
        return true;
    }

    private boolean lead(int c) {
        if (c >= 0xC2 && c <= 0xDF) {
            pending = 1;
        } else if (c >= 0xE0 && c <= 0xEF) {
            pending = 2;
            if (c == 0xE0) {
                low = 0xA0; // no overlong 3-byte forms
            } else if (c == 0xED) {
                high = 0x9F; // no UTF-16 surrogates
            }
        } else if (c >= 0xF0 && c <= 0xF4) {
            pending = 3;
            if (c == 0xF0) {
                low = 0x90; // no overlong 4-byte forms
            } else if (c == 0xF4) {
                high = 0x8F; // nothing above U+10FFFF
            }
        } else {
            return false;
        }
        return true;
    }

    /** Whether the bytes so far end on a code point boundary. */
    boolean isComplete() {
        return pending == 0;
    }

    void reset() {
        pending = 0;
        low = 0x80;
        high = 0xBF;
    }
}
