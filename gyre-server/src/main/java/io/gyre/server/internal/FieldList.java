package io.gyre.server.internal;

import io.gyre.server.Headers;
import io.gyre.server.internal.http.HeadersAccess;
import java.util.Arrays;

/**
 * The response's own header fields while the handler sets them: names and values interleaved in
 * one array that is allocated at the first field and grows by doubling. {@link ResponseImpl}
 * extends it so a response with a few fields costs one small array and no builder or
 * {@link Headers} copies; the head is encoded straight from the array ({@link HeadWriter}).
 * Validation and its messages are those of {@link Headers.Builder}. Not thread-safe: used by the
 * handler's thread, then read by the thread that commits.
 */
class FieldList {
    private static final String[] NONE = {};

    private String[] fields = NONE;
    private int size;

    /** A list holding the fields of {@code headers} (already validated). */
    static FieldList of(Headers headers) {
        FieldList list = new FieldList();
        for (int i = 0; i < headers.size(); i++) {
            list.append(headers.name(i), headers.value(i));
        }
        return list;
    }

    final int fieldCount() {
        return size;
    }

    final String fieldName(int index) {
        return fields[2 * index];
    }

    final String fieldValue(int index) {
        return fields[2 * index + 1];
    }

    /** Appends a field, keeping others of the same name (validated as Headers.Builder.add). */
    final void addField(String name, String value) {
        String checked = HeadersAccess.checkValue(name, value);
        HeadersAccess.checkName(name);
        append(name, checked);
    }

    /** Appends the fields of built headers, which were validated when they were built. */
    final void addFields(Headers headers) {
        for (int i = 0; i < headers.size(); i++) {
            append(headers.name(i), headers.value(i));
        }
    }

    /**
     * Replaces every field of this name with one at the position of the first (or at the end),
     * validated as Headers.Builder.set.
     */
    final void setField(String name, String value) {
        String checked = HeadersAccess.checkValue(name, value);
        HeadersAccess.checkName(name);
        int at = indexOf(name, 0);
        if (at < 0) {
            append(name, checked);
            return;
        }
        fields[2 * at + 1] = checked;
        fields[2 * at] = name;
        if (indexOf(name, at + 1) >= 0) {
            removeFrom(name, at + 1);
        }
    }

    final void removeField(String name) {
        if (indexOf(name, 0) >= 0) {
            removeFrom(name, 0);
        }
    }

    final boolean containsField(String name) {
        return indexOf(name, 0) >= 0;
    }

    /** The first value of this name, or null. */
    final String firstField(String name) {
        int i = indexOf(name, 0);
        return i < 0 ? null : fields[2 * i + 1];
    }

    final void clearFields() {
        Arrays.fill(fields, 0, 2 * size, null);
        size = 0;
    }

    /** An immutable copy of the fields. */
    final Headers snapshot() {
        return size == 0 ? Headers.empty() : HeadersAccess.wrap(Arrays.copyOf(fields, 2 * size), size);
    }

    private int indexOf(String name, int from) {
        for (int i = from; i < size; i++) {
            if (fields[2 * i].equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    private void append(String name, String value) {
        if (2 * size == fields.length) {
            fields = Arrays.copyOf(fields, Math.max(4, fields.length * 2));
        }
        fields[2 * size] = name;
        fields[2 * size + 1] = value;
        size++;
    }

    private void removeFrom(String name, int from) {
        size = HeadersAccess.removeAll(fields, size, name, from);
    }
}
