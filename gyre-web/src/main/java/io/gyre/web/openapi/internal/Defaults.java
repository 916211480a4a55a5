package io.gyre.web.openapi.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Locale;

/** A parameter's default text as the JSON value its schema describes. */
final class Defaults {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private Defaults() {
    }

    static JsonNode typed(ObjectNode schema, String text) {
        String type = schema.path("type").asText("");
        try {
            return switch (type) {
                case "integer" -> JSON.numberNode(new BigDecimal(text.strip()).toBigIntegerExact());
                case "number" -> JSON.numberNode(new BigDecimal(text.strip()));
                case "boolean" -> switch (text.strip().toLowerCase(Locale.ROOT)) {
                    case "true" -> JSON.booleanNode(true);
                    case "false" -> JSON.booleanNode(false);
                    default -> JSON.textNode(text);
                };
                case "array" -> {
                    var array = JSON.arrayNode();
                    for (String part : text.split(",", -1)) {
                        array.add(typed(schema.path("items") instanceof ObjectNode items ? items : JSON.objectNode(),
                                part));
                    }
                    yield array;
                }
                default -> JSON.textNode(text);
            };
        } catch (ArithmeticException | NumberFormatException e) {
            return JSON.textNode(text);
        }
    }
}
