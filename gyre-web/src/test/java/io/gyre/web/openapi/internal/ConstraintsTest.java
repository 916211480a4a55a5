package io.gyre.web.openapi.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gyre.web.internal.JsonSupport;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Negative;
import jakarta.validation.constraints.NegativeOrZero;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConstraintsTest {
    record Form(
            @NotBlank String name,
            @NotEmpty String code,
            @NotEmpty List<String> tags,
            @NotEmpty Map<String, String> labels,
            @Size(min = 2, max = 5) String shortText,
            @Size(max = 3) List<Integer> few,
            @Min(1) @Max(10) int rating,
            @Positive BigDecimal price,
            @PositiveOrZero long stock,
            @Negative int debt,
            @NegativeOrZero int loss,
            @DecimalMin("0.5") @DecimalMax(value = "99.5", inclusive = false) double ratio,
            @Pattern(regexp = "^[A-Z]{3}$") String currency,
            @Email String email,
            @Size(max = 20) Optional<String> nickname,
            @Min(3) String ignoredOnText,
            @Pattern(regexp = "x") int ignoredOnNumber) {
    }

    static final class Bean {
        @NotNull
        private String id = "";
        private String note = "";

        public String getId() {
            return id;
        }

        public String getNote() {
            return note;
        }
    }

    private static ObjectNode form() {
        SchemaGenerator generator = new SchemaGenerator(JsonSupport.defaultMapper());
        generator.schema(Form.class);
        return (ObjectNode) generator.finish().path("Form").path("properties");
    }

    private static String property(String name) {
        return form().path(name).toString();
    }

    @Test
    void notBlankAndNotEmptyRequireOneCharacterOrItem() {
        assertThat(property("name")).isEqualTo("{\"type\":\"string\",\"minLength\":1}");
        assertThat(property("code")).isEqualTo("{\"type\":\"string\",\"minLength\":1}");
        assertThat(property("tags")).isEqualTo("{\"type\":\"array\",\"items\":{\"type\":\"string\"},\"minItems\":1}");
        assertThat(property("labels")).isEqualTo(
                "{\"type\":\"object\",\"additionalProperties\":{\"type\":\"string\"},\"minProperties\":1}");
    }

    @Test
    void sizeBoundsLengthOrItems() {
        assertThat(property("shortText")).isEqualTo("{\"type\":\"string\",\"minLength\":2,\"maxLength\":5}");
        assertThat(property("few"))
                .isEqualTo("{\"type\":\"array\",\"items\":{\"type\":\"integer\",\"format\":\"int32\"},\"maxItems\":3}");
    }

    @Test
    void numericBounds() {
        assertThat(property("rating"))
                .isEqualTo("{\"type\":\"integer\",\"format\":\"int32\",\"minimum\":1,\"maximum\":10}");
        assertThat(property("price")).isEqualTo("{\"type\":\"number\",\"format\":\"decimal\",\"exclusiveMinimum\":0}");
        assertThat(property("stock")).isEqualTo("{\"type\":\"integer\",\"format\":\"int64\",\"minimum\":0}");
        assertThat(property("debt")).isEqualTo("{\"type\":\"integer\",\"format\":\"int32\",\"exclusiveMaximum\":0}");
        assertThat(property("loss")).isEqualTo("{\"type\":\"integer\",\"format\":\"int32\",\"maximum\":0}");
        assertThat(property("ratio"))
                .isEqualTo("{\"type\":\"number\",\"format\":\"double\",\"minimum\":0.5,\"exclusiveMaximum\":99.5}");
    }

    @Test
    void patternAndEmail() {
        assertThat(property("currency")).isEqualTo("{\"type\":\"string\",\"pattern\":\"^[A-Z]{3}$\"}");
        assertThat(property("email")).isEqualTo("{\"type\":\"string\",\"format\":\"email\"}");
    }

    @Test
    void constraintsOfAnOptionalApplyToItsValue() {
        assertThat(property("nickname")).isEqualTo("{\"type\":[\"string\",\"null\"],\"maxLength\":20}");
    }

    @Test
    void constraintsThatDoNotFitTheTypeAddNothing() {
        assertThat(property("ignoredOnText")).isEqualTo("{\"type\":\"string\"}");
        assertThat(property("ignoredOnNumber")).isEqualTo("{\"type\":\"integer\",\"format\":\"int32\"}");
    }

    @Test
    void notNullMakesABeanPropertyRequired() {
        SchemaGenerator generator = new SchemaGenerator(JsonSupport.defaultMapper());
        generator.schema(Bean.class);
        assertThat(generator.finish().path("Bean").path("required").toString()).isEqualTo("[\"id\"]");
    }

    @Test
    void parameterConstraintsComeFromTheDeclaration() throws Exception {
        var parameter = ConstraintsTest.class.getDeclaredMethod("handler", int.class).getParameters()[0];
        ObjectNode schema = new SchemaGenerator(JsonSupport.defaultMapper()).schema(parameter.getParameterizedType(),
                List.of(parameter.getAnnotations()));
        assertThat(schema.toString()).isEqualTo("{\"type\":\"integer\",\"format\":\"int32\",\"minimum\":1,\"maximum\":50}");
    }

    @SuppressWarnings("unused")
    private static void handler(@Min(1) @Max(50) int limit) {
    }
}
