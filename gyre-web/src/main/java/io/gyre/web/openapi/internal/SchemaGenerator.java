package io.gyre.web.openapi.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gyre.web.internal.EnumValues;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.BaseStream;

/**
 * Turns Java types into JSON Schema 2020-12, as the app's Jackson mapper writes and reads them.
 * Records, enums, other beans and sealed (or {@code @JsonSubTypes}) types become named
 * components referenced with {@code $ref}; the rest is inline. Names are assigned when
 * {@link #finish()} runs, so they do not depend on the order types were met: a class's simple
 * name, or its qualified name when two classes share a simple name.
 *
 * <p>Not thread-safe: one generator builds one document.
 */
public final class SchemaGenerator {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String REF_PREFIX = "#/components/schemas/";

    private final ObjectMapper mapper;
    private final Scalars scalars;
    private final Subtypes subtypes;
    private final boolean writesNulls;
    /* Components by type, in the order met; the schema is filled after the entry is made, so
       that a record that refers to itself terminates. */
    private final Map<JavaType, ObjectNode> components = new LinkedHashMap<>();
    private final Map<String, ObjectNode> fixed = new LinkedHashMap<>();
    private final List<Pending> refs = new ArrayList<>();
    private boolean finished;

    /** A place that will hold a component's reference: {@code node.key}, set by {@link #finish()}. */
    private record Pending(ObjectNode node, String key, JavaType type) {
    }

    /**
     * Creates a generator for the types a mapper reads and writes.
     *
     * @param mapper the app's mapper; its settings decide durations, decimals and nulls
     */
    public SchemaGenerator(ObjectMapper mapper) {
        this.mapper = mapper;
        this.scalars = new Scalars(mapper);
        this.subtypes = new Subtypes(mapper);
        var inclusion = mapper.getSerializationConfig().getDefaultPropertyInclusion().getValueInclusion();
        this.writesNulls = switch (inclusion) {
            case NON_ABSENT, NON_EMPTY, NON_DEFAULT -> false;
            default -> true;
        };
    }

    /**
     * Returns the schema of a type: inline for simple types and containers, a {@code $ref} for
     * records, enums and beans. A top-level {@code Optional<T>} is described as {@code T}.
     *
     * @param type the type
     * @return the schema
     */
    public ObjectNode schema(Type type) {
        return schema(type, List.of());
    }

    /**
     * Returns the schema of a type with the Bean Validation constraints of a declaration.
     *
     * @param type the type
     * @param annotations the declaration's annotations; constraints among them add keywords
     * @return the schema
     */
    public ObjectNode schema(Type type, List<Annotation> annotations) {
        JavaType javaType = mapper.getTypeFactory().constructType(type);
        if (isOptional(javaType)) {
            javaType = javaType.getReferencedType();
        }
        ObjectNode schema = build(javaType);
        Constraints.apply(schema, annotations);
        return schema;
    }

    /**
     * Registers a fixed component (the error bodies) under a name no class will take.
     *
     * @param name the component name
     * @param schema its schema
     * @return a {@code $ref} to it
     */
    public ObjectNode fixed(String name, ObjectNode schema) {
        fixed.put(name, schema);
        return ref(name);
    }

    /**
     * Returns a {@code $ref} to a fixed component.
     *
     * @param name the component name
     * @return the reference
     */
    public static ObjectNode ref(String name) {
        return JSON.objectNode().put("$ref", REF_PREFIX + name);
    }

    /**
     * Names the components, fills in every {@code $ref} handed out, and returns the
     * {@code components/schemas} object, sorted by name.
     *
     * @return the schemas
     */
    public ObjectNode finish() {
        if (finished) {
            throw new IllegalStateException("internal error: schema generator finished twice (please report)");
        }
        finished = true;
        Map<JavaType, String> names = ComponentNames.assign(components.keySet(), reserved());
        for (Pending pending : refs) {
            pending.node().put(pending.key(), REF_PREFIX + names.get(pending.type()));
        }
        components.forEach((type, schema) -> {
            if (!names.get(type).equals(type.getRawClass().getSimpleName())) {
                schema.put("title", names.get(type));
            }
        });
        Map<String, ObjectNode> all = new java.util.TreeMap<>(fixed);
        components.forEach((type, schema) -> all.put(names.get(type), schema));
        ObjectNode out = JSON.objectNode();
        all.forEach(out::set);
        return out;
    }

    private Set<String> reserved() {
        Set<String> names = new java.util.HashSet<>(fixed.keySet());
        names.addAll(ErrorSchemas.NAMES);
        return names;
    }

    // ---- types --------------------------------------------------------------------------

    ObjectNode build(JavaType type) {
        Class<?> raw = type.getRawClass();
        Optional<ObjectNode> scalar = scalars.of(raw);
        if (scalar.isPresent()) {
            return scalar.get();
        }
        if (raw == byte[].class) {
            return JSON.objectNode().put("type", "string").put("contentEncoding", "base64");
        }
        if (isOptional(type)) {
            return nullable(build(type.getReferencedType()));
        }
        if (raw == OptionalInt.class || raw == OptionalLong.class || raw == OptionalDouble.class) {
            return nullable(scalars.of(raw == OptionalDouble.class ? double.class : raw == OptionalInt.class
                    ? int.class : long.class).orElseThrow());
        }
        if (type.isArrayType() || type.isCollectionLikeType()) {
            ObjectNode schema = JSON.objectNode().put("type", "array");
            schema.set("items", build(type.getContentType()));
            if (Set.class.isAssignableFrom(raw)) {
                schema.put("uniqueItems", true);
            }
            return schema;
        }
        if (JsonNode.class.isAssignableFrom(raw) || raw == Object.class) {
            return JSON.objectNode();
        }
        if (Iterable.class.isAssignableFrom(raw) || Iterator.class.isAssignableFrom(raw)
                || BaseStream.class.isAssignableFrom(raw)) {
            Class<?> container = Iterable.class.isAssignableFrom(raw) ? Iterable.class
                    : Iterator.class.isAssignableFrom(raw) ? Iterator.class : BaseStream.class;
            JavaType[] params = mapper.getTypeFactory().findTypeParameters(type, container);
            ObjectNode schema = JSON.objectNode().put("type", "array");
            schema.set("items", params.length > 0 ? build(params[0]) : JSON.objectNode());
            return schema;
        }
        if (type.isMapLikeType()) {
            ObjectNode schema = JSON.objectNode().put("type", "object");
            schema.set("additionalProperties", build(type.getContentType()));
            JavaType key = type.getKeyType();
            if (key.isEnumType()) {
                schema.set("propertyNames", build(key));
            }
            return schema;
        }
        if (raw.isEnum() || raw.isRecord() || isBean(type) || subtypes.isPolymorphic(type)) {
            return component(type);
        }
        return JSON.objectNode();
    }

    private ObjectNode component(JavaType type) {
        ObjectNode ref = JSON.objectNode();
        refs.add(new Pending(ref, "$ref", type));
        if (!components.containsKey(type)) {
            ObjectNode schema = JSON.objectNode();
            components.put(type, schema);
            Class<?> raw = type.getRawClass();
            if (raw.isEnum()) {
                enumSchema(raw, schema);
            } else if (raw.isInterface() || Modifier.isAbstract(raw.getModifiers())) {
                polymorphicSchema(type, schema);
            } else if (raw.isRecord()) {
                recordSchema(type, schema);
            } else {
                beanSchema(type, schema);
            }
        }
        return ref;
    }

    private void enumSchema(Class<?> raw, ObjectNode schema) {
        ArrayNode values = JSON.arrayNode();
        boolean strings = true;
        boolean integers = true;
        for (JsonNode value : EnumValues.of(raw, mapper).wireValues()) {
            values.add(value.deepCopy());
            strings &= value.isTextual();
            integers &= value.isIntegralNumber();
        }
        schema.put("title", raw.getSimpleName());
        if (strings || integers) {
            schema.put("type", strings ? "string" : "integer");
        }
        schema.set("enum", values);
    }

    /**
     * A value of one of the concrete subtypes: {@code oneOf} with a {@code discriminator} when Jackson writes
     * a type property, else {@code anyOf} (Jackson writes the subtype's properties alone, and two
     * subtypes may have the same shape).
     */
    private void polymorphicSchema(JavaType type, ObjectNode schema) {
        schema.put("title", type.getRawClass().getSimpleName());
        Optional<Subtypes.TypeProperty> typeProperty = subtypes.typeProperty(type);
        ArrayNode choices = schema.putArray(typeProperty.isPresent() ? "oneOf" : "anyOf");
        List<JavaType> concrete = subtypes.of(type);
        for (JavaType subtype : concrete) {
            choices.add(component(subtype));
        }
        typeProperty.ifPresent(property -> {
            ObjectNode discriminator = schema.putObject("discriminator").put("propertyName", property.name());
            ObjectNode mapping = discriminator.putObject("mapping");
            for (JavaType subtype : concrete) {
                refs.add(new Pending(mapping, property.idOf(subtype.getRawClass()), subtype));
            }
        });
    }

    /** The type property Jackson adds to a subtype's JSON, first, as Jackson writes it. */
    private void typeProperty(JavaType type, ObjectNode properties, ArrayNode required) {
        subtypes.typeProperty(type).filter(Subtypes::added).ifPresent(property -> {
            properties.putObject(property.name()).put("type", "string")
                    .put("const", property.idOf(type.getRawClass()));
            required.add(property.name());
        });
    }

    private void recordSchema(JavaType type, ObjectNode schema) {
        Class<?> raw = type.getRawClass();
        schema.put("title", raw.getSimpleName()).put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = JSON.arrayNode();
        typeProperty(type, properties, required);
        /* Jackson decides which components it writes and under which names (@JsonProperty,
           @JsonIgnore, @JsonIgnoreProperties, @JsonNaming, the mapper's naming strategy). */
        Map<String, String> written = new LinkedHashMap<>();
        for (BeanPropertyDefinition property : beanProperties(type)) {
            written.put(property.getInternalName(), property.getName());
        }
        for (RecordComponent component : raw.getRecordComponents()) {
            String name = written.get(component.getName());
            if (name == null) {
                continue;
            }
            List<Annotation> annotations = new ArrayList<>();
            Optional<Field> field = field(raw, component.getName());
            field.ifPresent(f -> annotations.addAll(List.of(f.getAnnotations())));
            annotations.addAll(List.of(component.getAccessor().getAnnotations()));
            JavaType componentType = mapper.getTypeFactory().resolveMemberType(component.getGenericType(),
                    type.getBindings());
            boolean optional = isOptional(componentType) || isOptionalPrimitive(componentType.getRawClass());
            boolean nulls = writesNulls(annotations, raw);
            properties.set(name, property(componentType, annotations, optional && nulls));
            if (!optional) {
                required.add(name);
            }
        }
        if (!required.isEmpty()) {
            schema.set("required", required);
        }
    }

    private void beanSchema(JavaType type, ObjectNode schema) {
        schema.put("title", type.getRawClass().getSimpleName()).put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = JSON.arrayNode();
        typeProperty(type, properties, required);
        for (BeanPropertyDefinition property : beanProperties(type)) {
            List<Annotation> annotations = new ArrayList<>();
            for (AnnotatedMember member : new AnnotatedMember[] {property.getField(), property.getGetter(),
                    property.getSetter()}) {
                if (member != null && member.getAnnotated() instanceof AnnotatedElement element) {
                    annotations.addAll(List.of(element.getAnnotations()));
                }
            }
            JavaType propertyType = property.getPrimaryType();
            boolean optional = isOptional(propertyType) || isOptionalPrimitive(propertyType.getRawClass());
            boolean nulls = writesNulls(annotations, type.getRawClass());
            properties.set(property.getName(), property(propertyType, annotations, optional && nulls));
            if (!optional && find(annotations, jakarta.validation.constraints.NotNull.class).isPresent()) {
                required.add(property.getName());
            }
        }
        if (!required.isEmpty()) {
            schema.set("required", required);
        }
    }

    /**
     * Whether Jackson writes an empty {@code Optional} as {@code null}: the property's
     * {@code @JsonInclude} decides, else the class's, else the mapper's.
     */
    private boolean writesNulls(List<Annotation> annotations, Class<?> owner) {
        List<JsonInclude> includes = new ArrayList<>();
        find(annotations, JsonInclude.class).ifPresent(includes::add);
        Optional.ofNullable(owner.getAnnotation(JsonInclude.class)).ifPresent(includes::add);
        for (JsonInclude include : includes) {
            switch (include.value()) {
                case NON_ABSENT, NON_EMPTY, NON_DEFAULT -> {
                    return false;
                }
                case ALWAYS, NON_NULL, CUSTOM -> {
                    return true;
                }
                case USE_DEFAULTS -> {
                }
            }
        }
        return writesNulls;
    }

    /** A property's schema; {@code nullable}: it may be written as {@code null}. */
    private ObjectNode property(JavaType type, List<Annotation> annotations, boolean nullable) {
        JavaType value = isOptional(type) ? type.getReferencedType() : type;
        ObjectNode schema = isOptionalPrimitive(type.getRawClass())
                ? scalars.of(type.getRawClass() == OptionalDouble.class ? double.class
                        : type.getRawClass() == OptionalInt.class ? int.class : long.class).orElseThrow()
                : build(value);
        Constraints.apply(schema, annotations);
        find(annotations, JsonPropertyDescription.class).ifPresent(d -> describe(schema, d.value()));
        return nullable ? nullable(schema) : schema;
    }

    private static void describe(ObjectNode schema, String description) {
        if (!schema.has("$ref")) {
            schema.put("description", description);
        }
    }

    /** The properties Jackson writes, without those {@code @JsonIgnoreProperties} names. */
    private List<BeanPropertyDefinition> beanProperties(JavaType type) {
        var config = mapper.getSerializationConfig();
        var description = config.introspect(type);
        Set<String> ignored = config.getDefaultPropertyIgnorals(type.getRawClass(), description.getClassInfo())
                .findIgnoredForSerialization();
        return description.findProperties().stream().filter(p -> !ignored.contains(p.getName())).toList();
    }

    private boolean isBean(JavaType type) {
        Class<?> raw = type.getRawClass();
        if (raw.isInterface() || Modifier.isAbstract(raw.getModifiers()) || raw.isPrimitive() || raw.isArray()
                || raw.getName().startsWith("java.") || raw.getName().startsWith("javax.")) {
            return false;
        }
        return !beanProperties(type).isEmpty();
    }

    static boolean isOptional(JavaType type) {
        return type.isReferenceType() && type.getRawClass() == Optional.class;
    }

    private static boolean isOptionalPrimitive(Class<?> raw) {
        return raw == OptionalInt.class || raw == OptionalLong.class || raw == OptionalDouble.class;
    }

    /** Allows {@code null} too: a type list for plain schemas, {@code anyOf} otherwise. */
    static ObjectNode nullable(ObjectNode schema) {
        JsonNode type = schema.get("type");
        if (type != null && type.isTextual() && !schema.has("enum")) {
            ArrayNode types = JSON.arrayNode().add(type.asText()).add("null");
            schema.set("type", types);
            return schema;
        }
        ObjectNode wrapper = JSON.objectNode();
        wrapper.putArray("anyOf").add(schema).add(JSON.objectNode().put("type", "null"));
        return wrapper;
    }

    private static Optional<Field> field(Class<?> raw, String name) {
        try {
            return Optional.of(raw.getDeclaredField(name));
        } catch (NoSuchFieldException e) {
            return Optional.empty();
        }
    }

    static <A extends Annotation> Optional<A> find(Collection<Annotation> annotations, Class<A> type) {
        return annotations.stream().filter(type::isInstance).map(type::cast).findFirst();
    }
}
