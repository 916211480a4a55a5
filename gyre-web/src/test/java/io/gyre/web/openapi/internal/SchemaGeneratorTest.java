package io.gyre.web.openapi.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
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

    sealed interface Pet permits Cat, Dog {
    }

    record Cat(String name) implements Pet {
    }

    record Dog(int barks) implements Pet {
    }

    record Pets(List<Pet> pets) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties({"secret_code"})
    record Account(String ownerName, String secretCode, @JsonProperty("ID") long accountId) {
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME,
            property = "kind")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = Circle.class, name = "circle"),
            @JsonSubTypes.Type(value = Square.class, name = "square")})
    sealed interface Figure permits Circle, Square {
    }

    record Circle(double radius) implements Figure {
    }

    record Square(double side) implements Figure {
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.DEDUCTION)
    @JsonSubTypes({@JsonSubTypes.Type(Card.class), @JsonSubTypes.Type(Transfer.class)})
    sealed interface Payment permits Card, Transfer {
    }

    record Card(String number) implements Payment {
    }

    record Transfer(String iban) implements Payment {
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.DEDUCTION)
    @JsonSubTypes({@JsonSubTypes.Type(Walk.class), @JsonSubTypes.Type(Ride.class)})
    abstract static class Trip {
    }

    static final class Walk extends Trip {
        public int steps;
    }

    static final class Ride extends Trip {
        public String line;
    }

    record Quiet(@JsonInclude(JsonInclude.Include.NON_ABSENT)
            Optional<String> note,
            @JsonInclude(JsonInclude.Include.NON_NULL)
            Optional<String> other) {
    }

    @JsonInclude(JsonInclude.Include.NON_ABSENT)
    record QuietClass(Optional<String> note) {
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
                .setDefaultPropertyInclusion(JsonInclude.Include.NON_ABSENT);
        SchemaGenerator generator = new SchemaGenerator(skipping);
        generator.schema(Shape.class);
        assertThat(generator.finish().path("Shape").path("properties").path("label").toString())
                .isEqualTo("{\"type\":\"string\"}");
    }

    @Test
    void optionalComponentsStayNullableWhenTheMapperSkipsOnlyNulls() throws Exception {
        ObjectMapper nonNull = JsonSupport.defaultMapper().copy()
                .setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL);
        SchemaGenerator generator = new SchemaGenerator(nonNull);
        generator.schema(Shape.class);
        assertThat(generator.finish().path("Shape").path("properties").path("label").toString())
                .isEqualTo("{\"type\":[\"string\",\"null\"]}");
        assertThat(nonNull.writeValueAsString(new Quiet(Optional.of("n"), Optional.empty()))).contains("\"other\":null");
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
        ErrorSchemas.validationErrorsRef(generator);
        ErrorSchemas.httpErrorRef(generator);
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

    @Test
    void sealedInterfacesWithoutTypeInfoAreAnyOfTheirRecords() throws Exception {
        SchemaGenerator generator = new SchemaGenerator(mapper);
        ObjectNode ref = generator.schema(Pet.class);
        ObjectNode components = generator.finish();
        assertThat(ref.toString()).isEqualTo("{\"$ref\":\"#/components/schemas/Pet\"}");
        assertThat(components.path("Pet").toString()).isEqualTo("{\"title\":\"Pet\",\"anyOf\":["
                + "{\"$ref\":\"#/components/schemas/Cat\"},{\"$ref\":\"#/components/schemas/Dog\"}]}");
        assertThat(components.path("Cat").path("required").toString()).isEqualTo("[\"name\"]");
        assertThat(mapper.writeValueAsString(new Cat("Tom"))).isEqualTo("{\"name\":\"Tom\"}");
        assertThat(mapper.writeValueAsString(new Pets(List.of(new Dog(2))))).isEqualTo("{\"pets\":[{\"barks\":2}]}");
    }

    @Test
    void typeInfoGivesOneOfWithADiscriminatorAndTheTypePropertyJacksonWrites() throws Exception {
        SchemaGenerator generator = new SchemaGenerator(mapper);
        ObjectNode ref = generator.schema(Figure.class);
        generator.schema(Circle.class);
        ObjectNode components = generator.finish();
        assertThat(ref.toString()).isEqualTo("{\"$ref\":\"#/components/schemas/Figure\"}");
        assertThat(components.path("Figure").toString()).isEqualTo("{\"title\":\"Figure\",\"oneOf\":["
                + "{\"$ref\":\"#/components/schemas/Circle\"},{\"$ref\":\"#/components/schemas/Square\"}],"
                + "\"discriminator\":{\"propertyName\":\"kind\",\"mapping\":{"
                + "\"circle\":\"#/components/schemas/Circle\",\"square\":\"#/components/schemas/Square\"}}}");
        assertThat(components.path("Circle").toString()).isEqualTo("{\"title\":\"Circle\",\"type\":\"object\","
                + "\"properties\":{\"kind\":{\"type\":\"string\",\"const\":\"circle\"},"
                + "\"radius\":{\"type\":\"number\",\"format\":\"double\"}},\"required\":[\"kind\",\"radius\"]}");
        assertThat(mapper.writerFor(Figure.class).writeValueAsString(new Circle(1)))
                .isEqualTo("{\"kind\":\"circle\",\"radius\":1.0}");
        assertThat(mapper.writeValueAsString(new Square(2))).isEqualTo("{\"kind\":\"square\",\"side\":2.0}");
    }

    @Test
    void deducedTypesAreAnyOfTheirSubtypesWithoutATypeProperty() throws Exception {
        SchemaGenerator generator = new SchemaGenerator(mapper);
        generator.schema(Payment.class);
        generator.schema(Trip.class);
        ObjectNode components = generator.finish();
        assertThat(components.path("Payment").toString()).isEqualTo("{\"title\":\"Payment\",\"anyOf\":["
                + "{\"$ref\":\"#/components/schemas/Card\"},{\"$ref\":\"#/components/schemas/Transfer\"}]}");
        assertThat(components.path("Card").path("properties").toString())
                .isEqualTo("{\"number\":{\"type\":\"string\"}}");
        assertThat(components.path("Trip").toString()).isEqualTo("{\"title\":\"Trip\",\"anyOf\":["
                + "{\"$ref\":\"#/components/schemas/Walk\"},{\"$ref\":\"#/components/schemas/Ride\"}]}");
        assertThat(mapper.writerFor(Payment.class).writeValueAsString(new Card("42"))).isEqualTo("{\"number\":\"42\"}");
        assertThat(mapper.readValue("{\"iban\":\"DE1\"}", Payment.class)).isEqualTo(new Transfer("DE1"));
    }

    @Test
    void jsonIncludeNonAbsentOnAComponentOrItsRecordDropsNull() throws Exception {
        SchemaGenerator generator = new SchemaGenerator(mapper);
        generator.schema(Quiet.class);
        generator.schema(QuietClass.class);
        ObjectNode components = generator.finish();
        assertThat(components.path("Quiet").path("properties").toString())
                .isEqualTo("{\"note\":{\"type\":\"string\"},\"other\":{\"type\":[\"string\",\"null\"]}}");
        assertThat(components.path("QuietClass").path("properties").toString())
                .isEqualTo("{\"note\":{\"type\":\"string\"}}");
        assertThat(mapper.writeValueAsString(new Quiet(Optional.empty(), Optional.empty()))).isEqualTo("{\"other\":null}");
        assertThat(mapper.writeValueAsString(new QuietClass(Optional.empty()))).isEqualTo("{}");
    }

    @Test
    void componentsWhoseNameIsNotTheSimpleNameAreTitledByIt() throws Exception {
        SchemaGenerator generator = new SchemaGenerator(mapper);
        generator.schema(typeOf("page"));
        generator.schema(Both.class);
        ObjectNode components = generator.finish();
        String prefix = SchemaGeneratorTest.class.getName().replace('$', '.');
        assertThat(components.path("Page_Point").path("title").asText()).isEqualTo("Page_Point");
        assertThat(components.path(prefix + ".Outer.Point").path("title").asText()).isEqualTo(prefix + ".Outer.Point");
        assertThat(components.path("Both").path("title").asText()).isEqualTo("Both");
    }

    @Test
    void recordPropertiesAreTheOnesJacksonWritesWithClassLevelNamingAndIgnores() throws Exception {
        SchemaGenerator generator = new SchemaGenerator(mapper);
        generator.schema(Account.class);
        ObjectNode account = (ObjectNode) generator.finish().path("Account");
        assertThat(account.path("properties").fieldNames()).toIterable().containsExactly("owner_name", "ID");
        assertThat(account.path("required").toString()).isEqualTo("[\"owner_name\",\"ID\"]");
        assertThat(mapper.writeValueAsString(new Account("Ann", "x", 7))).isEqualTo("{\"owner_name\":\"Ann\",\"ID\":7}");
    }
}
