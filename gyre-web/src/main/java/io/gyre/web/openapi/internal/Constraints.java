package io.gyre.web.openapi.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Negative;
import jakarta.validation.constraints.NegativeOrZero;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.lang.annotation.Annotation;
import java.math.BigDecimal;
import java.util.List;

/**
 * Adds JSON Schema keywords for Bean Validation constraints, each where it applies: length
 * keywords to strings, item counts to arrays, property counts to objects, bounds to numbers.
 * A constraint that does not apply to the schema's type (or a {@code $ref}) adds nothing.
 * {@code @NotNull} is not a keyword: it makes a property or parameter required.
 */
final class Constraints {
    private Constraints() {
    }

    static void apply(ObjectNode schema, List<Annotation> annotations) {
        if (annotations.isEmpty() || schema.has("$ref")) {
            return;
        }
        String type = type(schema);
        boolean string = type.equals("string");
        boolean array = type.equals("array");
        boolean object = type.equals("object");
        boolean number = type.equals("integer") || type.equals("number");
        for (Annotation annotation : annotations) {
            switch (annotation) {
                case NotBlank a -> {
                    if (string) {
                        atLeast(schema, "minLength", 1);
                    }
                }
                case NotEmpty a -> {
                    if (string || array || object) {
                        atLeast(schema, string ? "minLength" : array ? "minItems" : "minProperties", 1);
                    }
                }
                case Size a -> {
                    String min = string ? "minLength" : array ? "minItems" : object ? "minProperties" : "";
                    String max = string ? "maxLength" : array ? "maxItems" : object ? "maxProperties" : "";
                    if (!min.isEmpty() && a.min() > 0) {
                        atLeast(schema, min, a.min());
                    }
                    if (!max.isEmpty() && a.max() < Integer.MAX_VALUE) {
                        schema.put(max, a.max());
                    }
                }
                case Min a -> {
                    if (number) {
                        schema.put("minimum", a.value());
                    }
                }
                case Max a -> {
                    if (number) {
                        schema.put("maximum", a.value());
                    }
                }
                case Positive a -> {
                    if (number) {
                        schema.put("exclusiveMinimum", 0);
                    }
                }
                case PositiveOrZero a -> {
                    if (number) {
                        schema.put("minimum", 0);
                    }
                }
                case Negative a -> {
                    if (number) {
                        schema.put("exclusiveMaximum", 0);
                    }
                }
                case NegativeOrZero a -> {
                    if (number) {
                        schema.put("maximum", 0);
                    }
                }
                case DecimalMin a -> {
                    if (number) {
                        schema.put(a.inclusive() ? "minimum" : "exclusiveMinimum", new BigDecimal(a.value()));
                    }
                }
                case DecimalMax a -> {
                    if (number) {
                        schema.put(a.inclusive() ? "maximum" : "exclusiveMaximum", new BigDecimal(a.value()));
                    }
                }
                case Pattern a -> {
                    if (string) {
                        schema.put("pattern", a.regexp());
                    }
                }
                case Email a -> {
                    if (string) {
                        schema.put("format", "email");
                        if (!a.regexp().equals(".*")) {
                            schema.put("pattern", a.regexp());
                        }
                    }
                }
                default -> {
                }
            }
        }
    }

    /** The schema's single type, also for a nullable {@code ["string", "null"]} schema. */
    private static String type(ObjectNode schema) {
        JsonNode type = schema.path("type");
        if (type.isTextual()) {
            return type.asText();
        }
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!t.asText().equals("null")) {
                    return t.asText();
                }
            }
        }
        return "";
    }

    private static void atLeast(ObjectNode schema, String keyword, int value) {
        if (schema.path(keyword).asInt(0) < value) {
            schema.put(keyword, value);
        }
    }
}
