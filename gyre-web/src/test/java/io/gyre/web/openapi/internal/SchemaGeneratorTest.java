package io.gyre.web.openapi.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gyre.web.internal.JsonSupport;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SchemaGeneratorTest {
    enum Size { SMALL, LARGE }

    enum Level {
        LOW(1), HIGH(2);

        private final int code;

        Level(int code) {
            this.code = code;
        }

        @JsonValue
        int code() {
            return code;
        }
    }

    record Point(int x, int y) {
    }

    record Shape(String name, Optional<String> label, Point origin, List<Point> corners, Size size,
            @JsonProperty("line_width") double lineWidth, Optional<Shape> parent) {
    }

    record Page<T>(List<T> items, long total) {
    }

    static final class Outer {
        record Point(String where) {
        }
    }

    record Both(Point a, Outer.Point b) {
    }

    record ValidationError(String mine) {
    }

    static final class Bean {
        private String title = "";

        public String getTitle() {
            return title;
        }

        public void setTitle(String title) {
            this.title = title;
        }
    }

    private final ObjectMapper mapper = JsonSupport.defaultMapper();

    private String schema(Type type) {
        SchemaGenerator generator = new SchemaGenerator(mapper);
        ObjectNode schema = generator.schema(type);
        generator.finish();
        return schema.toString();
    }

    private static Type typeOf(String component) throws Exception {
        return Holder.class.getDeclaredField(component).getGenericType();
    }

    @SuppressWarnings("unused")
    private static final class Holder {
        List<String> list;
        Set<Integer> set;
        String[] array;
        Map<String, Long> map;
        Map<Size, String> byEnum;
        Optional<UUID> maybe;
        byte[] bytes;
        Page<Point> page;
        List<Optional<String>> sparse;
    }

    @Test
    void primitivesAndBoxedTypesHaveTypeAndFormat() {
        assertThat(schema(int.class)).isEqualTo("{\"type\":\"integer\",\"format\":\"int32\"}");
        assertThat(schema(Integer.class)).isEqualTo("{\"type\":\"integer\",\"format\":\"int32\"}");
        assertThat(schema(long.class)).isEqualTo("{\"type\":\"integer\",\"format\":\"int64\"}");
        assertThat(schema(Double.class)).isEqualTo("{\"type\":\"number\",\"format\":\"double\"}");
        assertThat(schema(float.class)).isEqualTo("{\"type\":\"number\",\"format\":\"float\"}");
        assertThat(schema(boolean.class)).isEqualTo("{\"type\":\"boolean\"}");
        assertThat(schema(String.class)).isEqualTo("{\"type\":\"string\"}");
        assertThat(schema(char.class)).isEqualTo("{\"type\":\"string\",\"minLength\":1,\"maxLength\":1}");
    }

    @Test
    void javaTimeTypesUseJsonSchemaFormats() {
        assertThat(schema(Instant.class)).isEqualTo("{\"type\":\"string\",\"format\":\"date-time\"}");
        assertThat(schema(OffsetDateTime.class)).isEqualTo("{\"type\":\"string\",\"format\":\"date-time\"}");
        assertThat(schema(LocalDateTime.class)).isEqualTo("{\"type\":\"string\",\"format\":\"date-time\"}");
        assertThat(schema(LocalDate.class)).isEqualTo("{\"type\":\"string\",\"format\":\"date\"}");
        assertThat(schema(LocalTime.class)).isEqualTo("{\"type\":\"string\",\"format\":\"time\"}");
    }

    @Test
    void durationFollowsTheMapper() throws Exception {
        ObjectMapper text = JsonSupport.defaultMapper().copy().disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);
        assertThat(new SchemaGenerator(text).schema(Duration.class).toString())
                .isEqualTo("{\"type\":\"string\",\"format\":\"duration\"}");
        assertThat(text.writeValueAsString(Duration.ofSeconds(90))).isEqualTo("\"PT1M30S\"");
        ObjectMapper seconds = JsonSupport.defaultMapper().copy().enable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);
        assertThat(new SchemaGenerator(seconds).schema(Duration.class).path("type").asText()).isEqualTo("number");
        assertThat(seconds.writeValueAsString(Duration.ofSeconds(90))).startsWith("90");
    }

    @Test
    void uuidAndDecimals() throws Exception {
        assertThat(schema(UUID.class)).isEqualTo("{\"type\":\"string\",\"format\":\"uuid\"}");
        assertThat(schema(BigDecimal.class)).isEqualTo("{\"type\":\"number\",\"format\":\"decimal\"}");
        assertThat(mapper.writeValueAsString(new BigDecimal("1.50"))).isEqualTo("1.50");
        assertThat(schema(BigInteger.class)).isEqualTo("{\"type\":\"integer\"}");
        ObjectMapper asText = JsonSupport.defaultMapper().copy();
        asText.configOverride(BigDecimal.class).setFormat(JsonFormat.Value.forShape(JsonFormat.Shape.STRING));
        assertThat(new SchemaGenerator(asText).schema(BigDecimal.class).toString())
                .isEqualTo("{\"type\":\"string\",\"format\":\"decimal\"}");
        assertThat(asText.writeValueAsString(new BigDecimal("1.50"))).isEqualTo("\"1.50\"");
    }

    @Test
    void containersDescribeTheirElements() throws Exception {
        assertThat(schema(typeOf("list"))).isEqualTo("{\"type\":\"array\",\"items\":{\"type\":\"string\"}}");
        assertThat(schema(typeOf("set")))
                .isEqualTo("{\"type\":\"array\",\"items\":{\"type\":\"integer\",\"format\":\"int32\"},\"uniqueItems\":true}");
        assertThat(schema(typeOf("array"))).isEqualTo("{\"type\":\"array\",\"items\":{\"type\":\"string\"}}");
        assertThat(schema(typeOf("map"))).isEqualTo(
                "{\"type\":\"object\",\"additionalProperties\":{\"type\":\"integer\",\"format\":\"int64\"}}");
        assertThat(schema(typeOf("byEnum"))).isEqualTo("{\"type\":\"object\",\"additionalProperties\":"
                + "{\"type\":\"string\"},\"propertyNames\":{\"$ref\":\"#/components/schemas/Size\"}}");
        assertThat(schema(typeOf("sparse")))
                .isEqualTo("{\"type\":\"array\",\"items\":{\"type\":[\"string\",\"null\"]}}");
    }

    @Test
    void topLevelOptionalIsItsValueAndBytesAreBase64() throws Exception {
        assertThat(schema(typeOf("maybe"))).isEqualTo("{\"type\":\"string\",\"format\":\"uuid\"}");
        assertThat(schema(typeOf("bytes"))).isEqualTo("{\"type\":\"string\",\"contentEncoding\":\"base64\"}");
    }

    @Test
    void enumsAreComponentsWithTheirJsonValues() {
        SchemaGenerator generator = new SchemaGenerator(mapper);
        ObjectNode size = generator.schema(Size.class);
        generator.schema(Level.class);
        ObjectNode components = generator.finish();
        assertThat(size.toString()).isEqualTo("{\"$ref\":\"#/components/schemas/Size\"}");
        assertThat(components.path("Size").toString())
                .isEqualTo("{\"title\":\"Size\",\"type\":\"string\",\"enum\":[\"SMALL\",\"LARGE\"]}");
        assertThat(components.path("Level").toString())
                .isEqualTo("{\"title\":\"Level\",\"type\":\"integer\",\"enum\":[1,2]}");
    }

    @Test
    void recordsAreComponentsWithRequiredNonOptionalComponents() {
        SchemaGenerator generator = new SchemaGenerator(mapper);
        ObjectNode ref = generator.schema(Shape.class);
        ObjectNode components = generator.finish();
        assertThat(ref.toString()).isEqualTo("{\"$ref\":\"#/components/schemas/Shape\"}");
        ObjectNode shape = (ObjectNode) components.path("Shape");
        assertThat(shape.path("required").toString())
                .isEqualTo("[\"name\",\"origin\",\"corners\",\"size\",\"line_width\"]");
        assertThat(shape.path("properties").path("label").toString()).isEqualTo("{\"type\":[\"string\",\"null\"]}");
        assertThat(shape.path("properties").path("origin").toString())
                .isEqualTo("{\"$ref\":\"#/components/schemas/Point\"}");
        assertThat(shape.path("properties").path("corners").path("items").path("$ref").asText())
                .isEqualTo("#/components/schemas/Point");
        assertThat(shape.path("properties").path("parent").toString()).isEqualTo(
                "{\"anyOf\":[{\"$ref\":\"#/components/schemas/Shape\"},{\"type\":\"null\"}]}");
        assertThat(components.path("Point").path("required").toString()).isEqualTo("[\"x\",\"y\"]");
        assertThat(components.fieldNames()).toIterable().containsExactly("Point", "Shape", "Size");
    }

    @Test
    void optionalComponentsAreNotNullableWhenTheMapperSkipsAbsentValues() {
        ObjectMapper skipping = JsonSupport.defaultMapper().copy()
                .setDefaultPropertyInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_ABSENT);
        SchemaGenerator generator = new SchemaGenerator(skipping);
        generator.schema(Shape.class);
        assertThat(generator.finish().path("Shape").path("properties").path("label").toString())
                .isEqualTo("{\"type\":\"string\"}");
    }

    @Test
    void genericRecordsGetOneComponentPerTypeArgument() throws Exception {
        SchemaGenerator generator = new SchemaGenerator(mapper);
        ObjectNode ref = generator.schema(typeOf("page"));
        ObjectNode components = generator.finish();
        assertThat(ref.path("$ref").asText()).isEqualTo("#/components/schemas/Page_Point");
        assertThat(components.path("Page_Point").path("properties").path("items").path("items").path("$ref").asText())
                .isEqualTo("#/components/schemas/Point");
    }

    @Test
    void sharedSimpleNamesAreQualifiedWhateverTheOrder() {
        SchemaGenerator generator = new SchemaGenerator(mapper);
        ErrorSchemas.register(generator);
        generator.schema(Both.class);
        generator.schema(ValidationError.class);
        ObjectNode components = generator.finish();
        String prefix = SchemaGeneratorTest.class.getName().replace('$', '.');
        assertThat(components.has(prefix + ".Point")).isTrue();
        assertThat(components.has(prefix + ".Outer.Point")).isTrue();
        assertThat(components.has(prefix + ".ValidationError")).isTrue();
        assertThat(components.path("ValidationError").path("required").toString()).isEqualTo("[\"type\",\"loc\",\"msg\"]");
        assertThat(components.has("Point")).isFalse();
    }

    @Test
    void beansAreComponentsFromTheirJacksonProperties() {
        SchemaGenerator generator = new SchemaGenerator(mapper);
        generator.schema(Bean.class);
        assertThat(generator.finish().path("Bean").toString())
                .isEqualTo("{\"title\":\"Bean\",\"type\":\"object\",\"properties\":{\"title\":{\"type\":\"string\"}}}");
    }

    @Test
    void unknownAndDynamicTypesAreAnything() {
        assertThat(schema(Object.class)).isEqualTo("{}");
        assertThat(schema(com.fasterxml.jackson.databind.JsonNode.class)).isEqualTo("{}");
        assertThat(schema(Runnable.class)).isEqualTo("{}");
    }
}
