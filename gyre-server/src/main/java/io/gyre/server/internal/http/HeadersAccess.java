package io.gyre.server.internal.http;

import io.gyre.server.Headers;
import java.util.Arrays;
import java.util.Objects;

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

    /**
     * Checks a field name given by application code (the request parser checks its own input).
     *
     * @param name the name
     * @throws IllegalArgumentException if it is empty or not a token, naming the bad character
     */
    public static void checkName(String name) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("header name is empty; give a token such as Content-Type");
        }
        for (int i = 0; i < name.length(); i++) {
            if (!isTokenChar(name.charAt(i))) {
                throw new IllegalArgumentException("header name '" + name + "' has an invalid character at index "
                        + i + "; a name is a token of letters, digits and !#$%&'*+-.^_`|~");
            }
        }
    }

    /**
     * Checks a field value given by application code and trims its surrounding spaces and tabs.
     *
     * @param name the field's name, for the message
     * @param value the value
     * @return the value without leading and trailing whitespace (the same instance if it had none)
     * @throws IllegalArgumentException on a control or non-Latin-1 character, naming it and its index
     */
    public static String checkValue(String name, String value) {
        Objects.requireNonNull(name, "name");
        int length = value.length();
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            // one unsigned comparison passes visible ASCII and the space; the rest is checked in full
            if ((char) (c - 0x20) >= 0x5f && (c < 0x20 && c != '\t' || c == 0x7f || c > 0xff)) {
                throw new IllegalArgumentException("value of header '" + name + "' has "
                        + (c > 0xff ? "a non-Latin-1" : "a control") + " character (code " + (int) c
                        + ") at index " + i + "; encode it (for example percent-encoding) so the value"
                        + " holds only visible characters, spaces and tabs");
            }
        }
        int from = 0;
        int to = length;
        while (from < to && isBlank(value.charAt(from))) {
            from++;
        }
        while (to > from && isBlank(value.charAt(to - 1))) {
            to--;
        }
        return from == 0 && to == length ? value : value.substring(from, to);
    }

    /**
     * Removes the fields named {@code name} (ignoring ASCII case) from index {@code from} on, in a
     * names-at-even, values-at-odd array holding {@code size} fields; the rest keep their order and
     * the freed tail is cleared.
     *
     * @param fields the fields, changed in place
     * @param size how many fields it holds
     * @param name the name to remove
     * @param from the first field index to look at
     * @return the new number of fields
     */
    public static int removeAll(String[] fields, int size, String name, int from) {
        int kept = from;
        for (int i = from; i < size; i++) {
            if (!fields[2 * i].equalsIgnoreCase(name)) {
                fields[2 * kept] = fields[2 * i];
                fields[2 * kept + 1] = fields[2 * i + 1];
                kept++;
            }
        }
        Arrays.fill(fields, 2 * kept, 2 * size, null);
        return kept;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }
}
