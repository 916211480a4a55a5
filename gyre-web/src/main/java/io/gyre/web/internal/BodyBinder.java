package io.gyre.web.internal;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.gyre.web.ValidationError;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Binds the JSON body, or one embedded key of it, to a parameter. */
final class BodyBinder implements Binder {
    private final Optional<String> embed;
    private final boolean optional;
    private final Type valueType;
    private final ObjectReader reader;
    private final ObjectMapper mapper;
    private final Optional<RecordShape> shape;
    private final List<Object> loc;
    /** The error type of a body that is not JSON, as pydantic names a wrong input for this type. */
    private final String notJsonType;

    BodyBinder(ObjectMapper mapper, Optional<String> embed, boolean optional, Type valueType) {
        this.mapper = mapper;
        this.embed = embed;
        this.optional = optional;
        this.valueType = valueType;
        JavaType javaType = mapper.getTypeFactory().constructType(valueType);
        this.reader = mapper.readerFor(javaType);
        this.shape = RecordShape.of(valueType);
        this.loc = embed.<List<Object>>map(name -> List.of("body", name)).orElse(List.of("body"));
        Class<?> raw = Types.raw(valueType);
        this.notJsonType = embed.isPresent() ? "model_attributes_type"
                : Collection.class.isAssignableFrom(raw) || raw.isArray() ? "list_type"
                : CharSequence.class.isAssignableFrom(raw) ? "string_type" : "model_attributes_type";
    }

    List<Object> loc() {
        return loc;
    }

    @Override
    public Object bind(RequestState request, List<ValidationError> errors) {
        Optional<JsonNode> tree = request.bodyTree(errors, notJsonType);
        if (tree.isEmpty()) {
            return null; // the body was malformed or not JSON; the error is already reported once
        }
        JsonNode node = tree.get();
        if (embed.isPresent()) {
            node = node.isObject() ? node.get(embed.get()) : null;
        }
        if (node == null || node.isMissingNode() || node.isNull()) {
            if (optional) {
                return Optional.empty();
            }
            errors.add(new ValidationError("missing", loc, "Field required", Optional.empty()));
            return null;
        }
        int before = errors.size();
        if (shape.isPresent()) {
            shape.get().checkRequired(node, loc, errors);
        }
        if (errors.size() > before) {
            return null;
        }
        try {
            Object value = reader.readValue(node);
            return optional ? Optional.ofNullable(value) : value;
        } catch (IOException e) {
            List<ValidationError> found = new ArrayList<>();
            JsonErrors.diagnose(mapper, node, valueType, loc, found);
            if (found.isEmpty()) {
                found.add(JsonErrors.fromJackson(mapper, e, node, loc));
            }
            errors.addAll(found);
            return null;
        }
    }
}
