package io.gyre.server;

import io.gyre.server.internal.http.HeadersAccess;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * An ordered multi-map of HTTP header fields with case-insensitive lookup.
 *
 * <p>Each field keeps the name as it was spelled on the wire or by the caller; lookups
 * compare names ignoring ASCII case. Fields keep their order, and repeated fields stay
 * separate entries. Instances are immutable and safe to share between threads.
 *
 * {@snippet :
 * Headers headers = Headers.of("Content-Type", "text/plain", "Cache-Control", "no-store");
 * String type = headers.first("content-type").orElse("application/octet-stream");
 * }
 */
public final class Headers {
    private static final Headers EMPTY = new Headers(new String[0], 0);

    static {
        HeadersAccess.install(Headers::new);
    }

    /* Overview: names and values interleaved (name at 2i, value at 2i+1) in one array that is
     * never modified after construction; the array may be longer than 2 * size. Lookups are
     * linear scans: requests carry few fields, and a scan beats hashing at that size. */
    private final String[] fields;
    private final int size;

    private Headers(String[] fields, int size) {
        this.fields = fields;
        this.size = size;
    }

    /**
     * Returns an empty set of headers.
     *
     * @return the empty headers
     */
    public static Headers empty() {
        return EMPTY;
    }

    /**
     * Returns headers holding the given name-value pairs, in order.
     *
     * @param nameValuePairs names and values alternating: name, value, name, value, ...
     * @return the headers
     * @throws IllegalArgumentException if the count is odd, a name is not a valid field name
     *     or a value holds a control character such as CR or LF
     * @throws NullPointerException if any element is null
     */
    public static Headers of(String... nameValuePairs) {
        if (nameValuePairs.length % 2 != 0) {
            throw new IllegalArgumentException(
                    "Headers.of needs name-value pairs, got an odd count: " + nameValuePairs.length);
        }
        Builder builder = new Builder(nameValuePairs.length / 2);
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            builder.add(nameValuePairs[i], nameValuePairs[i + 1]);
        }
        return builder.build();
    }

    /**
     * Returns a new, empty builder.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder(4);
    }

    /**
     * Returns a builder that starts with these fields.
     *
     * @return a builder holding a copy of these fields
     */
    public Builder toBuilder() {
        Builder builder = new Builder(Math.max(size, 8));
        System.arraycopy(fields, 0, builder.fields, 0, size * 2);
        builder.size = size;
        return builder;
    }

    /**
     * Returns the value of the first field with this name.
     *
     * @param name the field name, matched ignoring ASCII case
     * @return the first value, or empty if no field has this name
     */
    public Optional<String> first(String name) {
        int i = indexOf(name, 0);
        return i < 0 ? Optional.empty() : Optional.of(fields[2 * i + 1]);
    }

    /**
     * Returns the values of every field with this name, in order.
     *
     * @param name the field name, matched ignoring ASCII case
     * @return the values, empty if no field has this name; the list is unmodifiable
     */
    public List<String> all(String name) {
        int i = indexOf(name, 0);
        if (i < 0) {
            return List.of();
        }
        int next = indexOf(name, i + 1);
        if (next < 0) {
            return List.of(fields[2 * i + 1]);
        }
        List<String> values = new ArrayList<>(4);
        values.add(fields[2 * i + 1]);
        for (int j = next; j >= 0; j = indexOf(name, j + 1)) {
            values.add(fields[2 * j + 1]);
        }
        return Collections.unmodifiableList(values);
    }

    /**
     * Tells whether a field with this name is present.
     *
     * @param name the field name, matched ignoring ASCII case
     * @return true if at least one field has this name
     */
    public boolean contains(String name) {
        return indexOf(name, 0) >= 0;
    }

    /**
     * Tells whether a comma-separated field holds a token, such as {@code close} in
     * {@code Connection: keep-alive, close}.
     *
     * <p>Every field with this name is searched; list elements are trimmed of spaces and tabs
     * and compared ignoring ASCII case.
     *
     * @param name the field name, matched ignoring ASCII case
     * @param token the token to look for
     * @return true if some list element equals the token
     */
    public boolean containsToken(String name, String token) {
        for (int i = indexOf(name, 0); i >= 0; i = indexOf(name, i + 1)) {
            if (listContains(fields[2 * i + 1], token)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns the number of fields, counting repeated names separately.
     *
     * @return the field count
     */
    public int size() {
        return size;
    }

    /**
     * Tells whether there are no fields.
     *
     * @return true if {@link #size()} is zero
     */
    public boolean isEmpty() {
        return size == 0;
    }

    /**
     * Returns the name of the field at this position, as it was spelled.
     *
     * @param index the position, from 0 to {@code size() - 1}
     * @return the field name
     * @throws IndexOutOfBoundsException if the position is out of range
     */
    public String name(int index) {
        Objects.checkIndex(index, size);
        return fields[2 * index];
    }

    /**
     * Returns the value of the field at this position.
     *
     * @param index the position, from 0 to {@code size() - 1}
     * @return the field value
     * @throws IndexOutOfBoundsException if the position is out of range
     */
    public String value(int index) {
        Objects.checkIndex(index, size);
        return fields[2 * index + 1];
    }

    /**
     * Returns the distinct field names in order of first appearance, each spelled as at its
     * first appearance. The set itself compares names exactly (with case).
     *
     * @return the names; the set is unmodifiable
     */
    public Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        outer:
        for (int i = 0; i < size; i++) {
            String name = fields[2 * i];
            for (String seen : names) {
                if (seen.equalsIgnoreCase(name)) {
                    continue outer;
                }
            }
            names.add(name);
        }
        return Collections.unmodifiableSet(names);
    }

    /**
     * Calls the action with each field's name and value, in order.
     *
     * @param action receives name and value
     */
    public void forEach(BiConsumer<String, String> action) {
        for (int i = 0; i < size; i++) {
            action.accept(fields[2 * i], fields[2 * i + 1]);
        }
    }

    /**
     * Compares field by field, in order: names ignoring ASCII case, values exactly.
     *
     * @param other the object to compare with
     * @return true if {@code other} is headers with the same fields in the same order
     */
    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof Headers that) || that.size != size) {
            return false;
        }
        for (int i = 0; i < size; i++) {
            if (!fields[2 * i].equalsIgnoreCase(that.fields[2 * i])
                    || !fields[2 * i + 1].equals(that.fields[2 * i + 1])) {
                return false;
            }
        }
        return true;
    }

    /**
     * Returns a hash code consistent with {@link #equals(Object)}.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        int hash = 1;
        for (int i = 0; i < size; i++) {
            String name = fields[2 * i];
            int nameHash = 0;
            for (int c = 0; c < name.length(); c++) {
                nameHash = 31 * nameHash + lower(name.charAt(c));
            }
            hash = 31 * (31 * hash + nameHash) + fields[2 * i + 1].hashCode();
        }
        return hash;
    }

    /**
     * Returns the fields as {@code [Name: value, ...]}.
     *
     * @return a readable form of the fields
     */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(16 + size * 24).append('[');
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                text.append(", ");
            }
            text.append(fields[2 * i]).append(": ").append(fields[2 * i + 1]);
        }
        return text.append(']').toString();
    }

    private int indexOf(String name, int from) {
        for (int i = from; i < size; i++) {
            String candidate = fields[2 * i];
            if (candidate == name || candidate.equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean listContains(String list, String token) {
        int length = list.length();
        int start = 0;
        while (start <= length) {
            int end = list.indexOf(',', start);
            if (end < 0) {
                end = length;
            }
            int from = start;
            int to = end;
            while (from < to && isWhitespace(list.charAt(from))) {
                from++;
            }
            while (to > from && isWhitespace(list.charAt(to - 1))) {
                to--;
            }
            if (to - from == token.length() && list.regionMatches(true, from, token, 0, to - from)) {
                return true;
            }
            start = end + 1;
        }
        return false;
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t';
    }

    private static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }

    /**
     * Collects header fields for a new {@link Headers}. Not thread-safe; a builder may be
     * reused after {@link #build()}, which copies the fields.
     */
    public static final class Builder {
        private String[] fields;
        private int size;

        private Builder(int capacity) {
            this.fields = new String[capacity * 2];
        }

        /**
         * Appends a field, keeping any fields of the same name.
         *
         * @param name the field name, a token such as {@code Content-Type}
         * @param value the field value; leading and trailing spaces and tabs are removed
         * @return this builder
         * @throws IllegalArgumentException if the name is not a valid field name or the value
         *     holds a control character such as CR or LF (which would let the value inject
         *     other fields)
         * @throws NullPointerException if the name or value is null
         */
        public Builder add(String name, String value) {
            String checkedValue = HeadersAccess.checkValue(name, value);
            HeadersAccess.checkName(name);
            return append(name, checkedValue);
        }

        private Builder append(String name, String checkedValue) {
            if (2 * size == fields.length) {
                fields = Arrays.copyOf(fields, Math.max(16, fields.length * 2));
            }
            fields[2 * size] = name;
            fields[2 * size + 1] = checkedValue;
            size++;
            return this;
        }

        /**
         * Replaces every field of this name with one field, added at the position of the first
         * one it replaces (or at the end if there was none).
         *
         * @param name the field name, a token such as {@code Content-Type}
         * @param value the field value; leading and trailing spaces and tabs are removed
         * @return this builder
         * @throws IllegalArgumentException if the name is not a valid field name or the value
         *     holds a control character such as CR or LF
         * @throws NullPointerException if the name or value is null
         */
        public Builder set(String name, String value) {
            String checkedValue = HeadersAccess.checkValue(name, value);
            HeadersAccess.checkName(name);
            for (int i = 0; i < size; i++) {
                if (fields[2 * i].equalsIgnoreCase(name)) {
                    fields[2 * i] = name;
                    fields[2 * i + 1] = checkedValue;
                    size = HeadersAccess.removeAll(fields, size, name, i + 1);
                    return this;
                }
            }
            return append(name, checkedValue);
        }

        /**
         * Removes every field of this name.
         *
         * @param name the field name, matched ignoring ASCII case
         * @return this builder
         */
        public Builder remove(String name) {
            size = HeadersAccess.removeAll(fields, size, name, 0);
            return this;
        }

        /**
         * Appends every field of the given headers, in order.
         *
         * @param headers the fields to append
         * @return this builder
         */
        public Builder addAll(Headers headers) {
            if (2 * (size + headers.size) > fields.length) {
                fields = Arrays.copyOf(fields, Math.max(16, 2 * (size + headers.size)));
            }
            System.arraycopy(headers.fields, 0, fields, 2 * size, 2 * headers.size);
            size += headers.size;
            return this;
        }

        /**
         * Tells whether a field with this name has been added.
         *
         * @param name the field name, matched ignoring ASCII case
         * @return true if at least one field has this name
         */
        public boolean contains(String name) {
            for (int i = 0; i < size; i++) {
                if (fields[2 * i].equalsIgnoreCase(name)) {
                    return true;
                }
            }
            return false;
        }

        /**
         * Returns the number of fields added so far.
         *
         * @return the field count
         */
        public int size() {
            return size;
        }

        /**
         * Returns immutable headers holding the fields added so far.
         *
         * @return the headers
         */
        public Headers build() {
            return size == 0 ? EMPTY : new Headers(Arrays.copyOf(fields, 2 * size), size);
        }
    }
}
