package io.gyre.server.internal.http;

import io.gyre.server.Headers;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Writes HTTP/1.1 response heads and chunk framing into a ByteBuffer, without allocating for
 * known statuses, the Date line and header text (Latin-1 strings are copied byte by byte).
 *
 * <p>Each method writes at the buffer's position and advances it; if the buffer is too small a
 * {@link BufferOverflowException} is thrown and the position is left where the write began
 * (size the buffer with {@link #headLength}). Header names and values are not re-validated
 * beyond refusing CR, LF and characters over 0xFF (which would split or corrupt the head):
 * {@link Headers} validates on construction.
 */
public final class ResponseEncoder {
    /** The line end and the empty line that ends a head. */
    public static final byte[] CRLF = {'\r', '\n'};
    /** The last chunk of a chunked body without trailers: {@code 0\r\n\r\n}. */
    public static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    /** A complete interim {@code 100 Continue} response. */
    public static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private static final byte[] CONTENT_LENGTH = "Content-Length: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private ResponseEncoder() {}

    /**
     * Writes the status line, every header field and the empty line that ends the head. Adds
     * nothing: Date, Content-Length or Connection must be in {@code headers} or written by the
     * caller with the other methods before {@link #writeEndOfHead}.
     *
     * @param out the destination
     * @param status the status code, 100 to 599
     * @param headers the fields, written in order
     * @throws IllegalArgumentException if the status is out of range or a field holds CR or LF
     */
    public static void writeHead(ByteBuffer out, int status, Headers headers) {
        int start = out.position();
        try {
            writeStatusLine(out, status);
            writeHeaders(out, headers);
            writeEndOfHead(out);
        } catch (BufferOverflowException | IllegalArgumentException e) {
            out.position(start);
            throw e;
        }
    }

    /**
     * Returns how many bytes {@link #writeHead} writes at most for this status and these fields,
     * plus room for a Date line and a Content-Length line.
     *
     * @param status the status code
     * @param headers the fields
     * @return an upper bound of the head size
     */
    public static int headLength(int status, Headers headers) {
        int length = HttpStatus.statusLine(status).length + 2 + 37 + CONTENT_LENGTH.length + 21;
        for (int i = 0; i < headers.size(); i++) {
            length += headers.name(i).length() + headers.value(i).length() + 4;
        }
        return length;
    }

    /**
     * Writes {@code HTTP/1.1 <status> <reason>\r\n}.
     *
     * @param out the destination
     * @param status the status code, 100 to 599
     * @throws IllegalArgumentException if the status is out of range
     */
    public static void writeStatusLine(ByteBuffer out, int status) {
        out.put(HttpStatus.statusLine(status));
    }

    /**
     * Writes {@code name: value\r\n}.
     *
     * @param out the destination
     * @param name the field name
     * @param value the field value
     * @throws IllegalArgumentException if the name or value holds CR, LF or a character over 0xFF
     */
    public static void writeHeader(ByteBuffer out, String name, String value) {
        int start = out.position();
        try {
            putLatin1(out, name);
            out.put((byte) ':').put((byte) ' ');
            putLatin1(out, value);
            out.put(CRLF);
        } catch (BufferOverflowException | IllegalArgumentException e) {
            out.position(start);
            throw e;
        }
    }

    /**
     * Writes every field as {@code name: value\r\n}, in order.
     *
     * @param out the destination
     * @param headers the fields
     * @throws IllegalArgumentException if a field holds CR, LF or a character over 0xFF
     */
    public static void writeHeaders(ByteBuffer out, Headers headers) {
        for (int i = 0; i < headers.size(); i++) {
            writeHeader(out, headers.name(i), headers.value(i));
        }
    }

    /**
     * Writes {@code Date: <IMF-fixdate>\r\n} from the per-second cache.
     *
     * @param out the destination
     */
    public static void writeDate(ByteBuffer out) {
        HttpDate.writeHeader(out);
    }

    /**
     * Writes {@code Content-Length: <length>\r\n}.
     *
     * @param out the destination
     * @param length the body length, 0 or more
     * @throws IllegalArgumentException if the length is negative
     */
    public static void writeContentLength(ByteBuffer out, long length) {
        if (length < 0) {
            throw new IllegalArgumentException("Content-Length < 0: " + length);
        }
        int start = out.position();
        try {
            out.put(CONTENT_LENGTH);
            putDecimal(out, length);
            out.put(CRLF);
        } catch (BufferOverflowException e) {
            out.position(start);
            throw e;
        }
    }

    /**
     * Writes the empty line that ends a head.
     *
     * @param out the destination
     */
    public static void writeEndOfHead(ByteBuffer out) {
        out.put(CRLF);
    }

    /**
     * Writes a chunk header {@code <hex size>\r\n}; the chunk's data follows, then
     * {@link #writeChunkEnd}.
     *
     * @param out the destination
     * @param size the chunk's data size, above 0 (a 0 would end the body; use
     *     {@link #writeLastChunk})
     * @throws IllegalArgumentException if the size is not above 0
     */
    public static void writeChunkHeader(ByteBuffer out, int size) {
        if (size <= 0) {
            throw new IllegalArgumentException("chunk size must be > 0 (0 ends the body; use writeLastChunk): " + size);
        }
        int digits = (35 - Integer.numberOfLeadingZeros(size)) / 4;
        if (out.remaining() < digits + 2) {
            throw new BufferOverflowException();
        }
        for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
            out.put(HEX[(size >>> shift) & 0xf]);
        }
        out.put(CRLF);
    }

    /**
     * Writes the CRLF that follows a chunk's data.
     *
     * @param out the destination
     */
    public static void writeChunkEnd(ByteBuffer out) {
        out.put(CRLF);
    }

    /**
     * Writes the last chunk, the trailer fields and the final empty line.
     *
     * @param out the destination
     * @param trailers trailer fields, usually empty
     * @throws IllegalArgumentException if a field holds CR, LF or a character over 0xFF
     */
    public static void writeLastChunk(ByteBuffer out, Headers trailers) {
        if (trailers.isEmpty()) {
            out.put(LAST_CHUNK);
            return;
        }
        int start = out.position();
        try {
            out.put((byte) '0').put(CRLF);
            writeHeaders(out, trailers);
            out.put(CRLF);
        } catch (BufferOverflowException | IllegalArgumentException e) {
            out.position(start);
            throw e;
        }
    }

    private static void putDecimal(ByteBuffer out, long value) {
        if (value == 0) {
            out.put((byte) '0');
            return;
        }
        int digits = 1;
        for (long v = value / 10; v > 0; v /= 10) {
            digits++;
        }
        if (out.remaining() < digits) {
            throw new BufferOverflowException();
        }
        int at = out.position() + digits;
        for (long v = value; v > 0; v /= 10) {
            out.put(--at, (byte) ('0' + v % 10));
        }
        out.position(out.position() + digits);
    }

    private static void putLatin1(ByteBuffer out, String text) {
        int length = text.length();
        if (out.remaining() < length) {
            throw new BufferOverflowException();
        }
        int position = out.position();
        if (out.hasArray()) {
            byte[] a = out.array();
            int at = out.arrayOffset() + position;
            for (int i = 0; i < length; i++) {
                a[at + i] = latin1(text, i);
            }
        } else {
            for (int i = 0; i < length; i++) {
                out.put(position + i, latin1(text, i));
            }
        }
        out.position(position + length);
    }

    private static byte latin1(String text, int i) {
        char c = text.charAt(i);
        if (c == '\r' || c == '\n' || c > 0xff) {
            throw new IllegalArgumentException("header text '" + text + "' has a " + (c > 0xff ? "non-Latin-1" : "CR or LF")
                    + " character at index " + i + "; header text must not contain line breaks");
        }
        return (byte) c;
    }
}
