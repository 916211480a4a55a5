package io.gyre.web.openapi.internal;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.jsontype.impl.AsDeductionTypeSerializer;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The concrete subtypes of a sealed or Jackson-polymorphic type, and the type id Jackson writes
 * for each: the permitted subclasses of a sealed type (through sealed sub-interfaces too), then
 * those listed by {@code @JsonSubTypes} or registered with the mapper.
 */
final class Subtypes {
    private final ObjectMapper mapper;

    Subtypes(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** How Jackson marks the subtype in the JSON, when it does with a property. */
    record TypeProperty(String name, TypeSerializer serializer) {
        String idOf(Class<?> subtype) {
            return serializer.getTypeIdResolver().idFromValueAndType(null, subtype);
        }
    }

    /** True for an interface or abstract class whose values are one of known concrete subtypes. */
    boolean isPolymorphic(JavaType type) {
        Class<?> raw = type.getRawClass();
        if (!raw.isInterface() && !Modifier.isAbstract(raw.getModifiers()) || raw.isArray() || raw.isPrimitive()
                || raw.getName().startsWith("java.")) {
            return false;
        }
        Optional<TypeSerializer> serializer = typeSerializer(type);
        if (serializer.isPresent() && !deduced(serializer.get()) && typeProperty(type).isEmpty()) {
            return false; // a wrapper object or array around the value: not described, the schema is {}
        }
        return (raw.isSealed() || serializer.isPresent()) && !of(type).isEmpty();
    }

    /** The concrete subtypes, permitted ones first in declaration order. */
    List<JavaType> of(JavaType type) {
        Set<Class<?>> classes = new LinkedHashSet<>();
        permitted(type.getRawClass(), classes);
        SerializationConfig config = mapper.getSerializationConfig();
        var annotated = config.introspectClassAnnotations(type).getClassInfo();
        for (NamedType named : mapper.getSubtypeResolver().collectAndResolveSubtypesByClass(config, annotated)) {
            if (concrete(named.getType()) && type.getRawClass().isAssignableFrom(named.getType())) {
                classes.add(named.getType());
            }
        }
        List<JavaType> types = new ArrayList<>();
        for (Class<?> c : classes) {
            types.add(mapper.getTypeFactory().constructSpecializedType(type, c));
        }
        return types;
    }

    /**
     * The property Jackson adds to the JSON of this type (or reads it from) to name the subtype:
     * {@code @JsonTypeInfo} with {@code include = PROPERTY} or {@code EXISTING_PROPERTY}, declared
     * on the type or inherited from a supertype.
     */
    Optional<TypeProperty> typeProperty(JavaType type) {
        return typeSerializer(type).filter(s -> !deduced(s))
                .filter(s -> s.getTypeInclusion() == JsonTypeInfo.As.PROPERTY
                || s.getTypeInclusion() == JsonTypeInfo.As.EXISTING_PROPERTY)
                .map(s -> new TypeProperty(s.getPropertyName(), s));
    }

    /** True when Jackson adds the type property itself; false when the class has it already. */
    static boolean added(TypeProperty property) {
        return property.serializer().getTypeInclusion() == JsonTypeInfo.As.PROPERTY;
    }

    /**
     * True for {@code @JsonTypeInfo(use = DEDUCTION)}: Jackson writes the subtype's properties
     * alone, like a sealed type without type info, and reads the subtype from them.
     */
    private static boolean deduced(TypeSerializer serializer) {
        return serializer instanceof AsDeductionTypeSerializer;
    }

    private Optional<TypeSerializer> typeSerializer(JavaType type) {
        try {
            return Optional.ofNullable(mapper.getSerializerProviderInstance().findTypeSerializer(type));
        } catch (JsonMappingException e) {
            return Optional.empty();
        }
    }

    private static void permitted(Class<?> raw, Set<Class<?>> out) {
        if (!raw.isSealed()) {
            return;
        }
        for (Class<?> sub : raw.getPermittedSubclasses()) {
            if (concrete(sub)) {
                out.add(sub);
            }
            permitted(sub, out);
        }
    }

    private static boolean concrete(Class<?> c) {
        return !c.isInterface() && !Modifier.isAbstract(c.getModifiers());
    }
}
