package io.gyre.web.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.gyre.web.ValidationError;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which fields of a record body are required (not {@code Optional}), computed once per record
 * class, so that every missing field is reported at once, FastAPI style.
 */
public final class RecordShape {
    private static final Map<Class<?>, RecordShape> CACHE = new ConcurrentHashMap<>();

    private record Field(String name, boolean required, Optional<RecordShape> nested, Optional<RecordShape> element) {
    }

    private final List<Field> fields;

    private RecordShape(List<Field> fields) {
        this.fields = fields;
    }

    /** Returns the shape of a record class, or empty for other types. */
    public static Optional<RecordShape> of(Type type) {
        Class<?> raw = Types.raw(type);
        if (!raw.isRecord()) {
            return Optional.empty();
        }
        RecordShape cached = CACHE.get(raw);
        if (cached != null) {
            return Optional.of(cached);
        }
        List<Field> fields = new ArrayList<>();
        RecordShape shape = new RecordShape(fields);
        CACHE.put(raw, shape); // before recursing, so self-referencing records terminate
        for (RecordComponent component : raw.getRecordComponents()) {
            JsonProperty property = component.getAnnotation(JsonProperty.class);
            if (property == null && component.getAccessor() != null) {
                property = component.getAccessor().getAnnotation(JsonProperty.class);
            }
            String name = property != null && !property.value().isEmpty() ? property.value() : component.getName();
            Type componentType = component.getGenericType();
            Class<?> componentRaw = Types.raw(componentType);
            boolean optional = componentRaw == Optional.class || componentRaw == java.util.OptionalInt.class
                    || componentRaw == java.util.OptionalLong.class || componentRaw == java.util.OptionalDouble.class;
            Optional<RecordShape> element = Optional.empty();
            if (Collection.class.isAssignableFrom(componentRaw) && componentType instanceof ParameterizedType p) {
                element = of(p.getActualTypeArguments()[0]);
            }
            fields.add(new Field(name, !optional, optional ? Optional.empty() : of(componentType), element));
        }
        return Optional.of(shape);
    }

    /** Adds a {@code missing} error for each required field absent from {@code node}. */
    public void checkRequired(JsonNode node, List<Object> loc, List<ValidationError> errors) {
        if (!node.isObject()) {
            return;
        }
        for (Field field : fields) {
            JsonNode value = node.get(field.name());
            List<Object> here = append(loc, field.name());
            if (value == null || value.isMissingNode()) {
                if (field.required()) {
                    errors.add(new ValidationError("missing", here, "Field required", Optional.empty()));
                }
                continue;
            }
            if (value.isNull()) {
                if (field.required()) {
                    errors.add(new ValidationError("missing", here, "Field required (null given)", Optional.empty()));
                }
                continue;
            }
            field.nested().ifPresent(shape -> shape.checkRequired(value, here, errors));
            if (field.element().isPresent() && value.isArray()) {
                for (int i = 0; i < value.size(); i++) {
                    field.element().get().checkRequired(value.get(i), append(here, i), errors);
                }
            }
        }
    }

    static List<Object> append(List<Object> loc, Object part) {
        List<Object> out = new ArrayList<>(loc.size() + 1);
        out.addAll(loc);
        out.add(part);
        return out;
    }
}
