package io.gyre.server.internal.ws;

import io.gyre.server.CloseCodes;
import java.util.Arrays;

/**
 * Reassembles one message's payload (already unmasked and inflated), enforcing the size limit
 * and, for text, validating UTF-8 as the bytes arrive. Loop-thread only.
 */
final class MessageBuffer {
    private static final byte[] EMPTY = new byte[0];
    /**
     * The most reserved up front for a declared length: a client announcing a large frame must
     * send its bytes before the server holds memory for them (beyond this, growth doubles).
     */
    private static final int MAX_RESERVE = 64 * 1024;

    private final int limit;
    private final Utf8Validator utf8 = new Utf8Validator();
    private byte[] data = EMPTY;
    private int size;
    private boolean text;

    MessageBuffer(int limit) {
        this.limit = limit;
    }

    void start(boolean isText, long expected) {
        text = isText;
        size = 0;
        utf8.reset();
        if (expected > 0) {
            data = new byte[(int) Math.min(expected, Math.min(limit, MAX_RESERVE))];
        }
    }

    boolean isText() {
        return text;
    }

    int capacity() {
        return data.length;
    }

    int size() {
        return size;
    }

    /** Fails with 1009 before exceeding the limit and with 1007 at the first invalid UTF-8 byte. */
    void append(byte[] b, int off, int len) {
        if ((long) size + len > limit) {
            throw new WsProtocolException(CloseCodes.MESSAGE_TOO_BIG, "message larger than " + limit + " bytes");
        }
        if (text && !utf8.accept(b, off, len)) {
            throw new WsProtocolException(CloseCodes.INVALID_PAYLOAD, "text message is not valid UTF-8");
        }
        if (size + len > data.length) {
            data = Arrays.copyOf(data, (int) Math.min(limit, Math.max((long) size + len, data.length * 2L)));
        }
        System.arraycopy(b, off, data, size, len);
        size += len;
    }

    /** Ends the message: checks that text ends on a code point, hands the bytes over, resets. */
    byte[] finish() {
        if (text && !utf8.isComplete()) {
            throw new WsProtocolException(CloseCodes.INVALID_PAYLOAD, "text message ends inside a UTF-8 sequence");
        }
        byte[] out = size == data.length ? data : Arrays.copyOf(data, size);
        data = EMPTY;
        size = 0;
        return out;
    }
}
