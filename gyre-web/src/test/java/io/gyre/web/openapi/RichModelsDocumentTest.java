package io.gyre.web.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import io.gyre.web.WebApp;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RichModelsDocumentTest {
    static ObjectNode doc;

    @BeforeAll
    static void generate() throws Exception {
        WebApp app = RichModels.app();
        doc = OpenApi.generate(app);
        Path out = Path.of("target", "openapi", "rich.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, OpenApi.json(app));
    }

    private static JsonNode component(String name) {
        return doc.path("components").path("schemas").path(name);
    }

    @Test
    void documentValidatesWithSwaggerParserWithoutMessages() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(doc.toString(), null, options);
        assertThat(result.getMessages()).isEmpty();
    }

    @Test
    void recursiveRecordRefersToItself() {
        assertThat(component("TreeNode").path("properties").path("children").path("items").path("$ref").asText())
                .isEqualTo("#/components/schemas/TreeNode");
    }

    @Test
    void nestedRecordsAndListsOfRecordsAreRefsWithRequiredLists() {
        JsonNode customer = component("Customer");
        assertThat(customer.path("properties").path("address").path("$ref").asText())
                .isEqualTo("#/components/schemas/Address");
        assertThat(customer.path("properties").path("previous").toString())
                .isEqualTo("{\"type\":\"array\",\"items\":{\"$ref\":\"#/components/schemas/Address\"}}");
        assertThat(customer.path("required").toString()).isEqualTo("[\"name\",\"address\",\"previous\",\"status\"]");
        assertThat(customer.path("properties").path("nickname").toString()).isEqualTo("{\"type\":[\"string\",\"null\"]}");
        assertThat(customer.path("properties").path("billing").toString()).isEqualTo(
                "{\"anyOf\":[{\"$ref\":\"#/components/schemas/Address\"},{\"type\":\"null\"}]}");
    }

    @Test
    void anEnumUsedByTwoModelsAndAQueryParameterIsOneComponent() {
        String ref = "#/components/schemas/Status";
        assertThat(component("Customer").path("properties").path("status").path("$ref").asText()).isEqualTo(ref);
        assertThat(component("Vendor").path("properties").path("status").path("$ref").asText()).isEqualTo(ref);
        assertThat(doc.path("paths").path("/vendors").path("get").path("parameters").get(0).toString()).isEqualTo(
                "{\"name\":\"status\",\"in\":\"query\",\"required\":false,\"schema\":{\"$ref\":\"" + ref + "\"}}");
        assertThat(component("Status").path("enum").toString()).isEqualTo("[\"ACTIVE\",\"RETIRED\"]");
    }

    @Test
    void mapsSetsAndArraysOfArrays() {
        JsonNode properties = component("Containers").path("properties");
        assertThat(properties.path("byName").path("additionalProperties").path("$ref").asText())
                .isEqualTo("#/components/schemas/Address");
        assertThat(properties.path("labels").path("uniqueItems").asBoolean()).isTrue();
        assertThat(properties.path("grid").path("items").path("items").path("type").asText()).isEqualTo("integer");
        assertThat(properties.path("series").path("additionalProperties").path("items").path("format").asText())
                .isEqualTo("double");
    }

    @Test
    void scalarsHaveTheFormatsOfWhatJacksonWrites() {
        JsonNode properties = component("Scalars").path("properties");
        assertThat(properties.path("day").path("format").asText()).isEqualTo("date");
        assertThat(properties.path("at").path("format").asText()).isEqualTo("date-time");
        assertThat(properties.path("took").path("type").asText()).isEqualTo("number");
        assertThat(properties.path("opens").path("format").asText()).isEqualTo("time");
        assertThat(properties.path("id").path("format").asText()).isEqualTo("uuid");
        assertThat(properties.path("price").toString()).isEqualTo("{\"type\":\"number\",\"format\":\"decimal\"}");
        assertThat(properties.path("big").toString()).isEqualTo("{\"type\":\"integer\"}");
        assertThat(properties.path("blob").path("contentEncoding").asText()).isEqualTo("base64");
    }

    @Test
    void genericRecordsGetOneComponentPerTypeArgumentTitledByItsName() {
        assertThat(doc.path("paths").path("/users/page").path("get").path("responses").path("200").path("content")
                .path("application/json").path("schema").path("$ref").asText()).isEqualTo("#/components/schemas/Page_User");
        assertThat(component("Page_User").path("title").asText()).isEqualTo("Page_User");
        assertThat(component("Page_Customer").path("properties").path("items").path("items").path("$ref").asText())
                .isEqualTo("#/components/schemas/Customer");
    }

    @Test
    void sealedInterfacesAreUnionsOfTheirRecords() {
        assertThat(component("Drawing").path("properties").path("pet").path("$ref").asText())
                .isEqualTo("#/components/schemas/Pet");
        assertThat(component("Pet").path("anyOf").size()).isEqualTo(2);
        assertThat(component("Drawing").path("properties").path("shapes").path("items").path("$ref").asText())
                .isEqualTo("#/components/schemas/Shape");
        assertThat(component("Shape").path("oneOf").size()).isEqualTo(2);
        assertThat(component("Shape").path("discriminator").path("mapping").path("square").asText())
                .isEqualTo("#/components/schemas/Square");
        assertThat(component("Square").path("properties").path("kind").path("const").asText()).isEqualTo("square");
        assertThat(doc.path("paths").path("/shape").path("get").path("responses").path("200").path("content")
                .path("application/json").path("schema").path("$ref").asText()).isEqualTo("#/components/schemas/Shape");
    }

    @Test
    void aDeducedSealedBodyIsAnyOfItsSubtypesWithoutATypeProperty() {
        assertThat(doc.path("paths").path("/payments").path("post").path("requestBody").path("content")
                .path("application/json").path("schema").path("$ref").asText())
                .isEqualTo("#/components/schemas/Payment");
        assertThat(component("Payment").path("anyOf").toString()).isEqualTo(
                "[{\"$ref\":\"#/components/schemas/Card\"},{\"$ref\":\"#/components/schemas/Transfer\"}]");
        assertThat(component("Payment").has("discriminator")).isFalse();
        assertThat(component("Card").path("required").toString()).isEqualTo("[\"number\",\"expiresYear\"]");
    }

    @Test
    void jacksonAnnotationsShapeTheProperties() {
        assertThat(component("Renamed").toString()).isEqualTo("{\"title\":\"Renamed\",\"type\":\"object\","
                + "\"properties\":{\"full_name\":{\"type\":\"string\"},\"note\":{\"type\":\"string\"}},"
                + "\"required\":[\"full_name\"]}");
    }

    @Test
    void constraintsBecomeKeywords() {
        JsonNode properties = component("Signup").path("properties");
        assertThat(properties.path("login").toString())
                .isEqualTo("{\"type\":\"string\",\"minLength\":3,\"maxLength\":20}");
        assertThat(properties.path("email").path("format").asText()).isEqualTo("email");
        assertThat(properties.path("age").path("minimum").asInt()).isEqualTo(18);
        assertThat(properties.path("age").path("maximum").asInt()).isEqualTo(130);
        assertThat(properties.path("country").path("pattern").asText()).isEqualTo("^[A-Z]{2}$");
        assertThat(properties.path("credits").path("exclusiveMinimum").asInt()).isEqualTo(0);
        assertThat(properties.path("deposit").path("minimum").decimalValue()).isEqualByComparingTo("0.01");
        assertThat(properties.path("tags").path("maxItems").asInt()).isEqualTo(5);
    }

    @Test
    void classesSharingASimpleNameGetQualifiedDistinctComponents() {
        String shop = RichModels.Shop.Item.class.getName().replace('$', '.');
        String warehouse = RichModels.Warehouse.Item.class.getName().replace('$', '.');
        assertThat(component("Clash").path("properties").path("sold").path("$ref").asText())
                .isEqualTo("#/components/schemas/" + shop);
        assertThat(component(warehouse).path("title").asText()).isEqualTo(warehouse);
        assertThat(doc.path("components").path("schemas").has("Item")).isFalse();
    }
}
