package io.gyre.web.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The values of an enum on the wire: what the app's mapper writes for each constant (its name, or
 * its {@code @JsonValue} or {@code @JsonProperty} value), the same values the OpenAPI schema lists.
 * A path, query, header or cookie parameter takes exactly these; the 422 for another names them in
 * pydantic's words: {@code Input should be 'a', 'b' or 'c'}.
 *
 * <p>Immutable; built once per parameter when the app is built.
 */
final class EnumValues {
    private final Map<String, Object> byText;
    private final String message;

    private EnumValues(Map<String, Object> byText, String message) {
        this.byText = byText;
        this.message = message;
    }

    static EnumValues of(Class<?> type, ObjectMapper mapper) {
        Map<String, Object> byText = new HashMap<>();
        List<String> shown = new ArrayList<>();
        for (Object constant : type.getEnumConstants()) {
            JsonNode value = mapper.valueToTree(constant);
            if (value.isValueNode() && !value.isNull()) {
                byText.putIfAbsent(value.asText(), constant);
            }
            shown.add(value.isTextual() ? "'" + value.asText() + "'" : value.toString());
        }
        return new EnumValues(Map.copyOf(byText), "Input should be " + oneOf(shown));
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
