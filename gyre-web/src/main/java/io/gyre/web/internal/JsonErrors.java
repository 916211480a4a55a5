package io.gyre.web.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.gyre.web.ValidationError;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Turns Jackson failures into FastAPI-shaped errors, and finds every type error of a record body. */
final class JsonErrors {
    private JsonErrors() {
    }

    /** Reports a malformed body with its character position. */
    static ValidationError malformed(JsonProcessingException e) {
        long offset = e.getLocation() == null ? 0
                : e.getLocation().getCharOffset() >= 0 ? e.getLocation().getCharOffset()
                : Math.max(0, e.getLocation().getByteOffset());
        String where = e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        String reason = e.getOriginalMessage() == null ? "invalid JSON" : e.getOriginalMessage().lines().findFirst().orElse("");
        return new ValidationError("json_invalid", List.of("body", offset), "JSON decode error" + where + ": " + reason,
                Optional.empty());
    }

    /**
     * Maps one Jackson mapping failure of reading {@code root} under {@code loc}, with the
     * offending value as its input (found in {@code root} at the failure's path); {@code mapper}
     * names an enum's values.
     */
    static ValidationError fromJackson(ObjectMapper mapper, IOException e, JsonNode root, List<Object> loc) {
        List<Object> here = new ArrayList<>(loc);
        JsonNode at = root;
        if (e instanceof JsonMappingException mapping) {
            for (JsonMappingException.Reference ref : mapping.getPath()) {
                here.add(ref.getFieldName() != null ? ref.getFieldName() : ref.getIndex());
                at = at == null ? null : ref.getFieldName() != null ? at.get(ref.getFieldName())
                        : ref.getIndex() >= 0 ? at.get(ref.getIndex()) : null;
            }
        }
        Class<?> target = e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null
                ? mismatch.getTargetType()
                : e instanceof InputCoercionException coercion && coercion.getTargetType() != null
                ? coercion.getTargetType() : Object.class;
        Optional<Object> input = e instanceof InvalidFormatException format && format.getValue() != null
                ? Optional.of(format.getValue()) : value(at);
        String[] kind = isInteger(target) ? integerKind(input) : kind(mapper, target);
        return new ValidationError(kind[0], here, kind[1], input);
    }

    /** A node as a 422's input: a scalar as its value, an object or array as the tree; empty for none or null. */
    private static Optional<Object> value(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return Optional.empty();
        }
        return Optional.of(node.isTextual() ? node.asText() : node.isNumber() ? node.numberValue()
                : node.isBoolean() ? node.asBoolean() : node);
    }

    /** Tries each part of a record or list on its own, so every type error is found. */
    static void diagnose(ObjectMapper mapper, JsonNode node, Type type, List<Object> loc, List<ValidationError> errors) {
        Class<?> raw = Types.raw(type);
        if (raw.isRecord() && node.isObject()) {
            for (RecordComponent component : raw.getRecordComponents()) {
                JsonNode child = node.get(component.getName());
                if (child != null && !child.isNull()) {
                    Type componentType = component.getGenericType();
                    if (Types.raw(componentType) == Optional.class) {
                        componentType = Types.argument(componentType).orElse(Object.class);
                    }
                    diagnose(mapper, child, componentType, RecordShape.append(loc, component.getName()), errors);
                }
            }
            return;
        }
        if (Collection.class.isAssignableFrom(raw) && node.isArray()) {
            Type element = Types.argument(type).orElse(Object.class);
            for (int i = 0; i < node.size(); i++) {
                diagnose(mapper, node.get(i), element, RecordShape.append(loc, i), errors);
            }
            return;
        }
        try {
            mapper.readerFor(mapper.getTypeFactory().constructType(type)).readValue(node);
        } catch (IOException e) {
            errors.add(fromJackson(mapper, e, node, loc));
        }
    }

    private static boolean isInteger(Class<?> target) {
        return target == int.class || target == Integer.class || target == long.class || target == Long.class
                || target == short.class || target == Short.class || target == byte.class || target == Byte.class
                || target == BigInteger.class;
    }

    /** Pydantic's error for a value an integer field refused: a fraction, a non-finite number, or any other. */
    private static String[] integerKind(Optional<Object> input) {
        if (input.orElse(null) instanceof Number number && !(number instanceof BigInteger)) {
            if ((number instanceof Double || number instanceof Float) && !Double.isFinite(number.doubleValue())) {
                return new String[] {"finite_number", "Input should be a finite number"};
            }
            BigDecimal decimal = number instanceof BigDecimal exact ? exact : new BigDecimal(number.toString());
            if (WholeNumbers.hasFraction(decimal)) {
                return new String[] {"int_from_float", "Input should be a valid integer, got a number with a fractional part"};
            }
        }
        return new String[] {"int_parsing", "Input should be a valid integer"};
    }

    private static String[] kind(ObjectMapper mapper, Class<?> target) {
        if (target == double.class || target == Double.class || target == float.class || target == Float.class) {
            return new String[] {"float_parsing", "Input should be a valid number"};
        }
        if (target == BigDecimal.class) {
            return new String[] {"decimal_parsing", "Input should be a valid decimal"};
        }
        if (target == boolean.class || target == Boolean.class) {
            return new String[] {"bool_parsing", "Input should be a valid boolean"};
        }
        if (target == String.class) {
            return new String[] {"string_type", "Input should be a valid string"};
        }
        if (target == UUID.class) {
            return new String[] {"uuid_parsing", "Input should be a valid UUID"};
        }
        if (target.isEnum()) {
            return new String[] {"enum", EnumValues.of(target, mapper).message()};
        }
        if (Temporal.class.isAssignableFrom(target)) {
            return new String[] {"datetime_parsing", "Input should be a valid date or time in ISO-8601 form"};
        }
        if (Collection.class.isAssignableFrom(target) || target.isArray()) {
            return new String[] {"list_type", "Input should be a valid list"};
        }
        return new String[] {"model_attributes_type", "Input should be a valid dictionary or object to extract fields from"};
    }
}
