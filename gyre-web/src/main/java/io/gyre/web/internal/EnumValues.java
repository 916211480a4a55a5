package io.gyre.web.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The values of an enum on the wire: what the app's mapper writes for each constant (its name, or
 * its {@code @JsonValue} or {@code @JsonProperty} value). The one place that computes them: the
 * OpenAPI schema lists them, a path, query, header or cookie parameter takes exactly these, and
 * the 422 for another names them in pydantic's words: {@code Input should be 'a', 'b' or 'c'}.
 *
 * <p>Computed once per mapper and enum type (a mapper is fixed for the app that uses it) and kept
 * while the mapper is reachable. Immutable and thread-safe.
 */
public final class EnumValues {
    /*
     * By mapper identity (weak, so an app's mapper and its entries go with the app), then by enum.
     * A race computes a type twice and keeps the first; no lock is held while the mapper runs.
     */
    private static final Map<ObjectMapper, Map<Class<?>, EnumValues>> CACHE =
            Collections.synchronizedMap(new WeakHashMap<>());

    private final List<JsonNode> wire;
    private final Map<String, Object> byText;
    private final String message;

    private EnumValues(List<JsonNode> wire, Map<String, Object> byText, String message) {
        this.wire = wire;
        this.byText = byText;
        this.message = message;
    }

    /**
     * Returns the wire values of an enum type as a mapper writes them.
     *
     * @param type the enum type
     * @param mapper the mapper that writes and reads it
     * @return its values, computed once per mapper and type
     */
    public static EnumValues of(Class<?> type, ObjectMapper mapper) {
        Map<Class<?>, EnumValues> byType = CACHE.computeIfAbsent(mapper, m -> new ConcurrentHashMap<>());
        EnumValues values = byType.get(type);
        if (values == null) {
            EnumValues computed = compute(type, mapper);
            values = byType.putIfAbsent(type, computed);
            if (values == null) {
                values = computed;
            }
        }
        return values;
    }

    private static EnumValues compute(Class<?> type, ObjectMapper mapper) {
        List<JsonNode> wire = new ArrayList<>();
        Map<String, Object> byText = new HashMap<>();
        List<String> shown = new ArrayList<>();
        for (Object constant : type.getEnumConstants()) {
            JsonNode value = mapper.valueToTree(constant);
            wire.add(value);
            if (value.isValueNode() && !value.isNull()) {
                byText.putIfAbsent(value.asText(), constant);
            }
            shown.add(value.isTextual() ? "'" + value.asText() + "'" : value.toString());
        }
        return new EnumValues(List.copyOf(wire), Map.copyOf(byText), "Input should be " + oneOf(shown));
    }

    /**
     * Returns the value the mapper writes for each constant, in declaration order.
     *
     * @return the values; copy one before putting it into a document that may change
     */
    public List<JsonNode> wireValues() {
        return wire;
    }

    /** The constant whose wire value is {@code text}, if any. */
    Optional<Object> constant(String text) {
        return Optional.ofNullable(byText.get(text));
    }

    /** The 422 message for a value that is none of them. */
    String message() {
        return message;
    }

    /** {@code 'a'}, {@code 'a' or 'b'}, {@code 'a', 'b' or 'c'}, as pydantic lists expected values. */
    private static String oneOf(List<String> values) {
        if (values.isEmpty()) {
            return "nothing (the enum has no constants)";
        }
        int last = values.size() - 1;
        return last == 0 ? values.getFirst() : String.join(", ", values.subList(0, last)) + " or " + values.get(last);
    }
}
