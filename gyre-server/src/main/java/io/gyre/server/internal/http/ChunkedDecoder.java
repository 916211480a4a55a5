package io.gyre.server.internal.http;

import io.gyre.server.Headers;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Chunked transfer coding (RFC 9112 7.1): chunk sizes in hex, extensions validated and
 * ignored, trailer fields parsed. Strict: every line ends in CRLF, whitespace only where the
 * grammar allows it (before a {@code ;}), sizes that overflow are a 400.
 */
final class ChunkedDecoder implements BodyDecoder {
    private enum State {
        SIZE_FIRST, SIZE, SIZE_WS, EXT_START, EXT, SIZE_LF, DATA, DATA_CR, DATA_LF, TRAILER, TRAILER_LF, DONE
    }

    /** Longest chunk size line (size, whitespace and extensions) accepted. */
    static final int MAX_SIZE_LINE_BYTES = 4096;

    /** Most framing bytes in excess of the allowance (see startChunk) before the body is refused. */
    static final int MAX_OVERHEAD_BYTES = 16 * 1024;

    private final HttpLimits limits;
    private final FieldLine field = new FieldLine();
    private State state = State.SIZE_FIRST;
    private HttpParseException failure;
    private long size;
    private long remaining;
    private long total;
    private int sizeLineBytes;
    private long overhead;
    private byte[] line;
    private int lineLength;
    private int trailerBytes;
    private String[] trailerFields;
    private int trailerCount;
    private Headers trailers = Headers.empty();

    ChunkedDecoder(HttpLimits limits) {
        this.limits = limits;
    }

    @Override
    public int decode(ByteBuffer in, ByteBuffer out) {
        return (int) run(in, out);
    }

    @Override
    public long discard(ByteBuffer in) {
        return run(in, null);
    }

    @Override
    public boolean isComplete() {
        return state == State.DONE;
    }

    @Override
    public long bytesDecoded() {
        return total;
    }

    @Override
    public Headers trailers() {
        return trailers;
    }

    @Override
    public String toString() {
        return "ChunkedDecoder[" + state + ", " + total + " bytes]";
    }

    /** Decodes into {@code out}, or drops the body bytes when {@code out} is null. */
    private long run(ByteBuffer in, ByteBuffer out) {
        if (failure != null) {
            throw failure;
        }
        try {
            long produced = 0;
            while (state != State.DONE) {
                if (state == State.DATA) {
                    long room = out == null ? Long.MAX_VALUE : out.remaining();
                    int n = (int) Math.min(Math.min(in.remaining(), room), remaining);
                    if (n == 0) {
                        break;
                    }
                    if (out != null) {
                        out.put(out.position(), in, in.position(), n);
                        out.position(out.position() + n);
                    }
                    in.position(in.position() + n);
                    produced += n;
                    total += n;
                    remaining -= n;
                    if (remaining == 0) {
                        state = State.DATA_CR;
                    }
                    continue;
                }
                if (!in.hasRemaining()) {
                    break;
                }
                int p = in.position();
                int limit = in.limit();
                if (in.hasArray()) {
                    byte[] a = in.array();
                    int offset = in.arrayOffset();
                    while (p < limit && state != State.DATA && state != State.DONE) {
                        framing(a[offset + p++]);
                    }
                } else {
                    while (p < limit && state != State.DATA && state != State.DONE) {
                        framing(in.get(p++));
                    }
                }
                in.position(p);
            }
            return produced;
        } catch (HttpParseException e) {
            failure = e;
            throw e;
        }
    }

    private void framing(byte b) {
        switch (state) {
            case SIZE_FIRST -> {
                countSizeLine();
                if (!Ascii.isHex(b)) {
                    throw HttpParseException.badRequest("invalid chunk size");
                }
                size = Ascii.hexValue(b);
                state = State.SIZE;
            }
            case SIZE -> {
                countSizeLine();
                if (Ascii.isHex(b)) {
                    if (size > (Long.MAX_VALUE >>> 4)) {
                        throw HttpParseException.badRequest("chunk size too large");
                    }
                    size = (size << 4) | Ascii.hexValue(b);
                } else if (b == Ascii.CR) {
                    state = State.SIZE_LF;
                } else if (b == ';') {
                    state = State.EXT_START;
                } else if (b == Ascii.SP || b == Ascii.HTAB) {
                    state = State.SIZE_WS;
                } else {
                    throw HttpParseException.badRequest("invalid chunk size");
                }
            }
            case SIZE_WS -> {
                countSizeLine();
                if (b == ';') {
                    state = State.EXT_START;
                } else if (b != Ascii.SP && b != Ascii.HTAB) {
                    throw HttpParseException.badRequest("invalid chunk size");
                }
            }
            case EXT_START -> {
                countSizeLine();
                if (Ascii.isToken(b)) {
                    state = State.EXT;
                } else if (b != Ascii.SP && b != Ascii.HTAB) {
                    throw HttpParseException.badRequest("invalid chunk extension");
                }
            }
            case EXT -> {
                countSizeLine();
                if (b == Ascii.CR) {
                    state = State.SIZE_LF;
                } else if (!Ascii.isFieldValue(b)) {
                    throw HttpParseException.badRequest("invalid character in chunk extension");
                }
            }
            case SIZE_LF -> {
                if (b != Ascii.LF) {
                    throw HttpParseException.badRequest("bare CR in chunk size line");
                }
                startChunk();
            }
            case DATA_CR -> {
                if (b != Ascii.CR) {
                    throw HttpParseException.badRequest("chunk data not followed by CRLF");
                }
                state = State.DATA_LF;
            }
            case DATA_LF -> {
                if (b != Ascii.LF) {
                    throw HttpParseException.badRequest("chunk data not followed by CRLF");
                }
                state = State.SIZE_FIRST;
                sizeLineBytes = 0;
            }
            case TRAILER -> trailerByte(b);
            case TRAILER_LF -> {
                if (b != Ascii.LF) {
                    throw HttpParseException.badRequest("bare CR in chunked trailer");
                }
                countTrailer();
                endTrailerLine();
            }
            case DATA, DONE -> throw new IllegalStateException("internal error: framing byte in state " + state
                    + " (please report)");
        }
    }

    private void countSizeLine() {
        if (++sizeLineBytes > MAX_SIZE_LINE_BYTES) {
            throw HttpParseException.badRequest("chunk size line longer than " + MAX_SIZE_LINE_BYTES + " bytes");
        }
    }

    private void startChunk() {
        // Framing bytes beyond a generous allowance per chunk (16 bytes plus twice the data)
        // add up; a body that is mostly extensions and tiny chunks is refused.
        overhead = Math.max(0, overhead + sizeLineBytes + 3 - 16 - 2 * Math.min(size, MAX_OVERHEAD_BYTES));
        if (overhead > MAX_OVERHEAD_BYTES) {
            throw HttpParseException.badRequest("chunked body is mostly framing (tiny chunks or long extensions)");
        }
        if (size == 0) {
            state = State.TRAILER;
            line = new byte[64];
            return;
        }
        if (size > limits.maxBodyBytes() - total) {
            throw new HttpParseException(413, "chunked body over the limit of " + limits.maxBodyBytes() + " bytes");
        }
        remaining = size;
        state = State.DATA;
    }

    private void trailerByte(byte b) {
        countTrailer();
        if (b == Ascii.CR) {
            state = State.TRAILER_LF;
            return;
        }
        if (b == Ascii.LF) {
            throw HttpParseException.badRequest("line ends in LF without CR in chunked trailer");
        }
        if (lineLength == line.length) {
            line = Arrays.copyOf(line, line.length * 2);
        }
        line[lineLength++] = b;
    }

    private void countTrailer() {
        if (++trailerBytes > limits.maxHeaderBytes()) {
            throw new HttpParseException(431, "chunked trailer larger than " + limits.maxHeaderBytes() + " bytes");
        }
    }

    private void endTrailerLine() {
        if (lineLength == 0) {
            if (trailerCount > 0) {
                trailers = HeadersAccess.wrap(trailerFields, trailerCount);
            }
            line = null;
            state = State.DONE;
            return;
        }
        if (trailerCount == limits.maxHeaderCount()) {
            throw new HttpParseException(431, "more than " + limits.maxHeaderCount() + " trailer fields");
        }
        field.parse(line, 0, lineLength);
        if (trailerFields == null) {
            trailerFields = new String[8];
        } else if (2 * trailerCount == trailerFields.length) {
            trailerFields = Arrays.copyOf(trailerFields, trailerFields.length * 2);
        }
        trailerFields[2 * trailerCount] = field.name;
        trailerFields[2 * trailerCount + 1] = field.value;
        trailerCount++;
        lineLength = 0;
        state = State.TRAILER;
    }
}
