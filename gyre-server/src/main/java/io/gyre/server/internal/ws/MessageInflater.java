package io.gyre.server.internal.ws;

import io.gyre.server.CloseCodes;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The receiving half of permessage-deflate (RFC 7692 section 7.2.2): inflates each message's
 * frames into a {@link MessageBuffer} a chunk at a time, so a small compressed message that
 * inflates to gigabytes fails with 1009 as soon as it passes the limit ("decompression bomb")
 * while holding at most one chunk beyond it. Loop-thread only; {@link #close()} frees the
 * native memory.
 */
final class MessageInflater {
    private static final byte[] TAIL = {0, 0, (byte) 0xFF, (byte) 0xFF};

    private final Inflater inflater = new Inflater(true);
    private final boolean resetEachMessage;
    private final byte[] chunk = new byte[8192];

    /** @param resetEachMessage true when client_no_context_takeover was agreed */
    MessageInflater(boolean resetEachMessage) {
        this.resetEachMessage = resetEachMessage;
    }

    void inflate(byte[] in, int off, int len, MessageBuffer out) {
        if (len == 0) {
            return;
        }
        inflater.setInput(in, off, len);
        drain(out);
    }

    /** Ends a message: feeds the stripped 00 00 FF FF tail and flushes what is left. */
    void finish(MessageBuffer out) {
        if (!inflater.finished()) {
            inflater.setInput(TAIL);
            drain(out);
        }
        if (resetEachMessage || inflater.finished()) {
            inflater.reset();
        }
    }

    private void drain(MessageBuffer out) {
        try {
            while (true) {
                int n = inflater.inflate(chunk);
                if (n > 0) {
                    out.append(chunk, 0, n);
                } else if (inflater.needsInput() || inflater.finished()) {
                    return;
                } else if (inflater.needsDictionary()) {
                    throw new WsProtocolException(CloseCodes.INVALID_PAYLOAD, "compressed message needs a dictionary");
                }
            }
        } catch (DataFormatException e) {
            throw new WsProtocolException(CloseCodes.INVALID_PAYLOAD, "compressed message is corrupt");
        }
    }

    void close() {
        inflater.end();
    }
}
