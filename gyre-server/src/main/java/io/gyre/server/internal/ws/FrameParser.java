package io.gyre.server.internal.ws;

import io.gyre.server.CloseCodes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Incremental parser of client frames (RFC 6455 section 5): resumable at any byte boundary,
 * reassembles fragmented messages, lets control frames interleave, unmasks, inflates
 * (permessage-deflate), validates UTF-8 across fragments and enforces the message limit on the
 * inflated size. Every violation throws {@link WsProtocolException} with the close code to send:
 * 1002 for protocol errors, 1007 for invalid UTF-8, 1009 for messages over the limit.
 * Loop-thread only.
 */
final class FrameParser {
    /** Receives what the parser finds, in order. */
    interface Listener {
        /** A complete data message. */
        void onMessage(boolean text, byte[] payload);

        /** A ping with its payload (at most 125 bytes). */
        void onPing(byte[] payload);

        /** A pong with its payload. */
        void onPong(byte[] payload);

        /** A close frame: code 1005 when it had no payload. */
        void onClose(int code, String reason);
    }

    private enum State { HEAD, PAYLOAD, CLOSED }

    private final Listener listener;
    private final MessageInflater inflater;
    private final MessageBuffer message;
    private final int maxMessageBytes;
    private final byte[] head = new byte[14];
    private final byte[] control = new byte[125];
    private final byte[] scratch = new byte[8192];

    private State state = State.HEAD;
    private int headLength;
    private int headNeeded = 2;
    // the current frame
    private boolean fin;
    private int opcode;
    private long remaining;
    private final byte[] mask = new byte[4];
    private int maskIndex;
    private int controlLength;
    // the current data message
    private boolean inMessage;
    private boolean compressed;
    private boolean delivered;

    /**
     * @param maxMessageBytes the largest message, after inflation
     * @param inflater the permessage-deflate receiver, or null when not negotiated
     */
    FrameParser(int maxMessageBytes, MessageInflater inflater, Listener listener) {
        this.listener = listener;
        this.inflater = inflater;
        this.maxMessageBytes = maxMessageBytes;
        this.message = new MessageBuffer(maxMessageBytes);
    }

    /** Whether a close frame was parsed (later input is ignored). */
    boolean isClosed() {
        return state == State.CLOSED;
    }

    /** The bytes reserved for the message being reassembled (for tests). */
    int bufferCapacity() {
        return message.capacity();
    }

    /**
     * Consumes bytes until {@code in} is empty or one event (message, ping, pong, close) was
     * delivered, so the caller can pause between messages.
     *
     * @return whether an event was delivered
     * @throws WsProtocolException when the client broke the protocol
     */
    boolean parse(ByteBuffer in) {
        delivered = false;
        while (in.hasRemaining() && !delivered) {
            switch (state) {
                case HEAD -> readHead(in);
                case PAYLOAD -> readPayload(in);
                case CLOSED -> in.position(in.limit());
            }
        }
        return delivered;
    }

    private void readHead(ByteBuffer in) {
        while (headLength < headNeeded && in.hasRemaining()) {
            head[headLength++] = in.get();
            if (headLength == 2) {
                checkFirstTwo();
            }
        }
        if (headLength < headNeeded) {
            return;
        }
        int len7 = head[1] & 0x7F;
        int at = 2;
        if (len7 == 126) {
            remaining = (head[2] & 0xFF) << 8 | head[3] & 0xFF;
            at = 4;
        } else if (len7 == 127) {
            long v = 0;
            for (int i = 2; i < 10; i++) {
                v = v << 8 | head[i] & 0xFF;
            }
            if (v < 0) {
                throw new WsProtocolException(CloseCodes.PROTOCOL_ERROR, "frame length has its top bit set");
            }
            remaining = v;
            at = 10;
        } else {
            remaining = len7;
        }
        System.arraycopy(head, at, mask, 0, 4);
        maskIndex = 0;
        headLength = 0;
        headNeeded = 2;
        startFrame();
        state = State.PAYLOAD;
        if (remaining == 0) {
            endFrame();
        }
    }

    /** Validates the first two bytes as soon as they are in: fail fast, before any payload. */
    private void checkFirstTwo() {
        int b0 = head[0] & 0xFF;
        int b1 = head[1] & 0xFF;
        fin = (b0 & 0x80) != 0;
        boolean rsv1 = (b0 & 0x40) != 0;
        opcode = b0 & 0x0F;
        if ((b0 & 0x30) != 0) {
            throw new WsProtocolException(CloseCodes.PROTOCOL_ERROR, "reserved bits RSV2/RSV3 are set");
        }
        if (!Opcode.isKnown(opcode)) {
            throw new WsProtocolException(CloseCodes.PROTOCOL_ERROR, "unknown opcode " + opcode);
        }
        if ((b1 & 0x80) == 0) {
            throw new WsProtocolException(CloseCodes.PROTOCOL_ERROR, "client frames must be masked");
        }
        int len7 = b1 & 0x7F;
        if (Opcode.isControl(opcode)) {
            if (!fin) {
                throw new WsProtocolException(CloseCodes.PROTOCOL_ERROR, "control frames must not be fragmented");
            }
            if (len7 > 125) {
                throw new WsProtocolException(CloseCodes.PROTOCOL_ERROR, "control frame payload over 125 bytes");
            }
            if (rsv1) {
                throw new WsProtocolException(CloseCodes.PROTOCOL_ERROR, "control frames cannot be compressed");
            }
        } else if (opcode == Opcode.CONTINUATION) {
            if (!inMessage) {
                throw new WsProtocolException(CloseCodes.PROTOCOL_ERROR, "continuation frame without a message");
            }
            if (rsv1) {
                throw new WsProtocolException(CloseCodes.PROTOCOL_ERROR, "RSV1 set on a continuation frame");
            }
        } else {
            if (inMessage) {
                throw new WsProtocolException(CloseCodes.PROTOCOL_ERROR,
                        "new data frame before the fragmented message ended");
            }
            if (rsv1 && inflater == null) {
                throw new WsProtocolException(CloseCodes.PROTOCOL_ERROR, "RSV1 set but no extension was negotiated");
            }
        }
        headNeeded = 2 + (len7 == 126 ? 2 : len7 == 127 ? 8 : 0) + 4;
    }

    private void startFrame() {
        if (Opcode.isControl(opcode)) {
            controlLength = 0;
            return;
        }
        if (opcode != Opcode.CONTINUATION) {
            inMessage = true;
            compressed = (head[0] & 0x40) != 0;
            message.start(opcode == Opcode.TEXT, compressed ? 0 : fin ? remaining : 0);
        }
        if (!compressed && message.size() + remaining > maxMessageBytes) {
            throw new WsProtocolException(CloseCodes.MESSAGE_TOO_BIG, "message larger than " + maxMessageBytes
                    + " bytes");
        }
    }

    private void readPayload(ByteBuffer in) {
        int n = (int) Math.min(remaining, in.remaining());
        if (Opcode.isControl(opcode)) {
            in.get(control, controlLength, n);
            unmask(control, controlLength, n);
            controlLength += n;
        } else {
            n = Math.min(n, scratch.length);
            in.get(scratch, 0, n);
            unmask(scratch, 0, n);
            if (compressed) {
                inflater.inflate(scratch, 0, n, message);
            } else {
                message.append(scratch, 0, n);
            }
        }
        remaining -= n;
        if (remaining == 0) {
            endFrame();
        }
    }

    private void unmask(byte[] b, int off, int len) {
        int k = maskIndex;
        for (int i = off, end = off + len; i < end; i++) {
            b[i] ^= mask[k];
            k = (k + 1) & 3;
        }
        maskIndex = k;
    }

    private void endFrame() {
        state = State.HEAD;
        switch (opcode) {
            case Opcode.PING -> deliver(() -> listener.onPing(java.util.Arrays.copyOf(control, controlLength)));
            case Opcode.PONG -> deliver(() -> listener.onPong(java.util.Arrays.copyOf(control, controlLength)));
            case Opcode.CLOSE -> endClose();
            default -> {
                if (fin) {
                    if (compressed) {
                        inflater.finish(message);
                    }
                    boolean text = message.isText();
                    byte[] payload = message.finish();
                    inMessage = false;
                    compressed = false;
                    deliver(() -> listener.onMessage(text, payload));
                }
            }
        }
    }

    private void endClose() {
        int code = CloseCodes.NO_STATUS;
        String reason = "";
        if (controlLength == 1) {
            throw new WsProtocolException(CloseCodes.PROTOCOL_ERROR, "close frame with a 1-byte payload");
        }
        if (controlLength >= 2) {
            code = (control[0] & 0xFF) << 8 | control[1] & 0xFF;
            if (!CloseCodes.isValid(code)) {
                throw new WsProtocolException(CloseCodes.PROTOCOL_ERROR, "invalid close code " + code);
            }
            Utf8Validator v = new Utf8Validator();
            if (!v.accept(control, 2, controlLength - 2) || !v.isComplete()) {
                throw new WsProtocolException(CloseCodes.INVALID_PAYLOAD, "close reason is not valid UTF-8");
            }
            reason = new String(control, 2, controlLength - 2, StandardCharsets.UTF_8);
        }
        state = State.CLOSED;
        int c = code;
        String r = reason;
        deliver(() -> listener.onClose(c, r));
    }

    private void deliver(Runnable event) {
        delivered = true;
        event.run();
    }
}
