package io.gyre.server.internal.http;

import io.gyre.server.Headers;

/**
 * Lets the codec build {@link Headers} from arrays it filled and validated itself, without the
 * copy and the second validation that {@link Headers.Builder} does for callers it cannot trust.
 */
public final class HeadersAccess {
    /** Wraps an interleaved name/value array (not copied; the caller gives up the array). */
    @FunctionalInterface
    public interface Factory {
        /**
         * Wraps the array.
         *
         * @param fields names at even indexes, values at odd ones
         * @param size the number of fields used
         * @return headers over the array
         */
        Headers wrap(String[] fields, int size);
    }

    // Written once, by the class initializer of Headers.
    private static volatile Factory factory;

    private HeadersAccess() {}

    /**
     * Installs the factory; called by the class initializer of {@link Headers}.
     *
     * @param headersFactory the factory
     */
    public static void install(Factory headersFactory) {
        if (factory != null) {
            throw new IllegalStateException("internal error: headers factory installed twice (please report)");
        }
        factory = headersFactory;
    }

    /**
     * Wraps fields that the codec already validated.
     *
     * @param fields names at even indexes, values at odd ones; not copied
     * @param size the number of fields used
     * @return headers over the array
     */
    public static Headers wrap(String[] fields, int size) {
        Factory f = factory;
        if (f == null) {
            Headers.empty(); // runs the class initializer, which installs the factory
            f = factory;
        }
        return f.wrap(fields, size);
    }

    /**
     * Tells whether a character may appear in a token (RFC 9110 5.6.2).
     *
     * @param c the character
     * @return true for tchar
     */
    public static boolean isTokenChar(char c) {
        return c < 128 && Ascii.isToken((byte) c);
    }
}
