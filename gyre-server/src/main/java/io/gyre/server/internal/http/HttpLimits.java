package io.gyre.server.internal.http;

/**
 * Size limits the codec enforces, with the status each one produces.
 *
 * @param maxRequestLineBytes longest request line, without its CRLF; beyond it: 414
 * @param maxHeaderBytes largest request head (request line, fields and line ends, and any
 *     blank lines before the request line); beyond it: 431. Also bounds chunked trailers.
 * @param maxHeaderCount most header fields in a head (and trailer fields); beyond it: 431
 * @param maxBodyBytes largest body; a larger Content-Length is refused before any body byte
 *     is read, and a chunked body is refused as soon as its running total would pass it: 413
 */
public record HttpLimits(int maxRequestLineBytes, int maxHeaderBytes, int maxHeaderCount, long maxBodyBytes) {
    /** 8 KiB request line, 16 KiB head, 100 fields, 16 MiB body. */
    public static final HttpLimits DEFAULTS = new HttpLimits(8 * 1024, 16 * 1024, 100, 16L * 1024 * 1024);

    /** Checks the limits. */
    public HttpLimits {
        if (maxRequestLineBytes < 16) {
            throw new IllegalArgumentException("maxRequestLineBytes < 16: " + maxRequestLineBytes);
        }
        if (maxHeaderBytes < 16) {
            throw new IllegalArgumentException("maxHeaderBytes < 16: " + maxHeaderBytes);
        }
        if (maxHeaderCount < 1) {
            throw new IllegalArgumentException("maxHeaderCount < 1: " + maxHeaderCount);
        }
        if (maxBodyBytes < 0) {
            throw new IllegalArgumentException("maxBodyBytes < 0: " + maxBodyBytes);
        }
    }

    /**
     * Returns these limits with another request line limit.
     *
     * @param value the new limit
     * @return the changed limits
     */
    public HttpLimits withMaxRequestLineBytes(int value) {
        return new HttpLimits(value, maxHeaderBytes, maxHeaderCount, maxBodyBytes);
    }

    /**
     * Returns these limits with another head size limit.
     *
     * @param value the new limit
     * @return the changed limits
     */
    public HttpLimits withMaxHeaderBytes(int value) {
        return new HttpLimits(maxRequestLineBytes, value, maxHeaderCount, maxBodyBytes);
    }

    /**
     * Returns these limits with another field count limit.
     *
     * @param value the new limit
     * @return the changed limits
     */
    public HttpLimits withMaxHeaderCount(int value) {
        return new HttpLimits(maxRequestLineBytes, maxHeaderBytes, value, maxBodyBytes);
    }

    /**
     * Returns these limits with another body size limit.
     *
     * @param value the new limit
     * @return the changed limits
     */
    public HttpLimits withMaxBodyBytes(long value) {
        return new HttpLimits(maxRequestLineBytes, maxHeaderBytes, maxHeaderCount, value);
    }
}
