package io.gyre.server.internal.ws;

import io.gyre.server.CloseCodes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Encodes server frames (unmasked, RFC 6455 section 5.2) and close payloads. */
final class FrameEncoder {
    /** The longest close reason: 125 payload bytes minus the 2-byte code. */
    static final int MAX_REASON_BYTES = 123;

    private FrameEncoder() {
    }

    /** One complete frame: FIN set, RSV1 when {@code compressed}, payload copied in. */
    static ByteBuffer frame(int opcode, boolean compressed, byte[] payload, int off, int len) {
        int headLen = len < 126 ? 2 : len <= 0xFFFF ? 4 : 10;
        ByteBuffer b = ByteBuffer.allocate(headLen + len);
        b.put((byte) (0x80 | (compressed ? 0x40 : 0) | opcode));
        if (len < 126) {
            b.put((byte) len);
        } else if (len <= 0xFFFF) {
            b.put((byte) 126).putShort((short) len);
        } else {
            b.put((byte) 127).putLong(len);
        }
        b.put(payload, off, len);
        return b.flip();
    }

    static ByteBuffer frame(int opcode, byte[] payload) {
        return frame(opcode, false, payload, 0, payload.length);
    }

    /** A close frame: empty for {@link CloseCodes#NO_STATUS}, else the code and the (cut) reason. */
    static ByteBuffer close(int code, String reason) {
        if (code == CloseCodes.NO_STATUS) {
            return frame(Opcode.CLOSE, new byte[0]);
        }
        byte[] r = cutReason(reason);
        byte[] payload = new byte[2 + r.length];
        payload[0] = (byte) (code >> 8);
        payload[1] = (byte) code;
        System.arraycopy(r, 0, payload, 2, r.length);
        return frame(Opcode.CLOSE, payload);
    }

    /** The reason as UTF-8, cut at a code point boundary to fit a control frame. */
    static byte[] cutReason(String reason) {
        byte[] r = reason.getBytes(StandardCharsets.UTF_8);
        if (r.length <= MAX_REASON_BYTES) {
            return r;
        }
        int end = MAX_REASON_BYTES;
        while (end > 0 && (r[end] & 0xC0) == 0x80) {
            end--; // r[end] would be a continuation byte: cut before its lead byte
        }
        return java.util.Arrays.copyOf(r, end);
    }
}
