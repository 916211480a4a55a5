package io.gyre.server.internal.http;

import io.gyre.server.Headers;
import java.nio.ByteBuffer;

/** A body of a known length: the bytes are the body, no framing. */
final class FixedLengthDecoder implements BodyDecoder {
    private final long length;
    private long done;

    FixedLengthDecoder(long length) {
        this.length = length;
    }

    @Override
    public int decode(ByteBuffer in, ByteBuffer out) {
        int n = (int) Math.min(Math.min(in.remaining(), out.remaining()), length - done);
        if (n > 0) {
            out.put(out.position(), in, in.position(), n);
            out.position(out.position() + n);
            in.position(in.position() + n);
            done += n;
        }
        return n;
    }

    @Override
    public long discard(ByteBuffer in) {
        int n = (int) Math.min(in.remaining(), length - done);
        in.position(in.position() + n);
        done += n;
        return n;
    }

    @Override
    public boolean isComplete() {
        return done == length;
    }

    @Override
    public long bytesDecoded() {
        return done;
    }

    /** Returns how many body bytes are still to come. */
    long remaining() {
        return length - done;
    }

    @Override
    public Headers trailers() {
        return Headers.empty();
    }

    @Override
    public String toString() {
        return "FixedLengthDecoder[" + done + "/" + length + "]";
    }
}
