package io.gyre.web.openapi.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gyre.web.HttpException;
import io.gyre.web.ValidationError;
import io.gyre.web.internal.JsonSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ErrorSchemasTest {
    private final ObjectMapper mapper = JsonSupport.defaultMapper();

    private static List<String> names(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void validationErrorSchemaHasTheFieldsTheAppWrites() {
        JsonNode written = mapper.valueToTree(new ValidationError("missing", List.of("query", "limit"), "Field required",
                Optional.of("x")));
        JsonNode schema = ErrorSchemas.validationError();
        assertThat(names(schema.path("properties"))).containsExactlyInAnyOrderElementsOf(names(written));
        assertThat(schema.path("required").toString()).isEqualTo("[\"type\",\"loc\",\"msg\"]");
        assertThat(schema.path("properties").path("loc").path("items").toString())
                .isEqualTo("{\"anyOf\":[{\"type\":\"string\"},{\"type\":\"integer\"}]}");
    }

    @Test
    void validationErrorsBodyIsAListUnderDetail() {
        JsonNode schema = ErrorSchemas.validationErrors();
        assertThat(schema.path("properties").path("detail").toString())
                .isEqualTo("{\"type\":\"array\",\"items\":{\"$ref\":\"#/components/schemas/ValidationError\"}}");
        assertThat(schema.path("required").toString()).isEqualTo("[\"detail\"]");
    }

    @Test
    void httpErrorBodyIsAnyDetail() {
        JsonNode schema = ErrorSchemas.httpError();
        HttpException e = new HttpException(404, "Item 3 not found");
        JsonNode written = mapper.valueToTree(Map.of("detail", e.detail()));
        assertThat(names(schema.path("properties"))).containsExactlyElementsOf(names(written));
        assertThat(schema.path("properties").path("detail").has("type")).isFalse();
    }
}
