package io.gyre.server.internal.ws;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds client frames (masked, as a browser sends them) byte by byte, including broken ones. */
final class ClientFrames {
    private static final byte[] MASK = {0x37, (byte) 0xFA, 0x21, 0x3D};
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static ClientFrames create() {
        return new ClientFrames();
    }

    ClientFrames frame(boolean fin, int rsv, int opcode, byte[] payload) {
        return raw(fin, rsv, opcode, true, payload.length, payload);
    }

    ClientFrames text(String s) {
        return frame(true, 0, 1, s.getBytes(StandardCharsets.UTF_8));
    }

    ClientFrames close(int code, String reason) {
        byte[] r = reason.getBytes(StandardCharsets.UTF_8);
        byte[] p = new byte[2 + r.length];
        p[0] = (byte) (code >> 8);
        p[1] = (byte) code;
        System.arraycopy(r, 0, p, 2, r.length);
        return frame(true, 0, 8, p);
    }

    /** A frame with full control over the header; {@code length} is what the header claims. */
    ClientFrames raw(boolean fin, int rsv, int opcode, boolean masked, long length, byte[] payload) {
        out.write((fin ? 0x80 : 0) | rsv << 4 | opcode);
        int maskBit = masked ? 0x80 : 0;
        if (length >= 0 && length < 126) {
            out.write(maskBit | (int) length);
        } else if (length >= 0 && length <= 0xFFFF) {
            out.write(maskBit | 126);
            out.write((int) (length >> 8));
            out.write((int) length);
        } else {
            out.write(maskBit | 127);
            for (int i = 7; i >= 0; i--) {
                out.write((int) (length >> (8 * i)));
            }
        }
        if (masked) {
            out.writeBytes(MASK);
            for (int i = 0; i < payload.length; i++) {
                out.write(payload[i] ^ MASK[i & 3]);
            }
        } else {
            out.writeBytes(payload);
        }
        return this;
    }

    byte[] bytes() {
        return out.toByteArray();
    }
}
