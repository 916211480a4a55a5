package io.gyre.web.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import io.gyre.web.Get;
import io.gyre.web.Routes;
import io.gyre.web.WebApp;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OpenApiDocumentTest {
    static ObjectNode doc;

    @BeforeAll
    static void generate() throws Exception {
        WebApp app = Showcase.app();
        doc = OpenApi.generate(app);
        Path out = Path.of("target", "openapi", "showcase.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, OpenApi.json(app));
    }

    private static JsonNode op(String path, String method) {
        return doc.path("paths").path(path).path(method);
    }

    @Test
    void documentValidatesWithSwaggerParserWithoutMessages() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(doc.toString(), null, options);
        assertThat(result.getMessages()).isEmpty();
        assertThat(result.getOpenAPI().getOpenapi()).isEqualTo("3.1.0");
        assertThat(result.getOpenAPI().getPaths()).containsKeys("/items", "/items/{id}", "/admin/users/{id}");
    }

    @Test
    void infoCarriesTitleVersionAndDescription() {
        assertThat(doc.path("openapi").asText()).isEqualTo("3.1.0");
        assertThat(doc.path("info").path("title").asText()).isEqualTo("Showcase");
        assertThat(doc.path("info").path("version").asText()).isEqualTo("2.1.0");
        assertThat(doc.path("info").path("description").asText()).isEqualTo("Every feature of the document, in one app.");
        assertThat(doc.has("servers")).isFalse();
    }

    @Test
    void typedPathSegmentsBecomePlainTemplates() {
        assertThat(doc.path("paths").has("/items/{id}")).isTrue();
        assertThat(doc.path("paths").has("/items/{id:long}")).isFalse();
        assertThat(op("/items/{id}", "get").path("parameters").get(0).toString())
                .isEqualTo("{\"name\":\"id\",\"in\":\"path\",\"required\":true,"
                        + "\"schema\":{\"type\":\"integer\",\"format\":\"int64\"}}");
    }

    @Test
    void operationIdsAreTheRouteNamesAndUnique() {
        List<String> ids = new ArrayList<>();
        doc.path("paths").forEach(item -> item.forEach(operation -> ids.add(operation.path("operationId").asText())));
        assertThat(ids).containsExactlyInAnyOrder("readItem", "listItems", "createItem", "updateItem", "resizeItem",
                "deleteItem", "itemLabel", "itemPicture", "user", "whoami");
    }

    @Test
    void summariesDescriptionsTagsAndDeprecation() {
        JsonNode read = op("/items/{id}", "get");
        assertThat(read.path("summary").asText()).isEqualTo("Read an item");
        assertThat(read.path("description").asText()).isEqualTo("Finds an item by its id.");
        assertThat(read.path("tags").toString()).isEqualTo("[\"items\"]");
        assertThat(op("/items", "get").path("summary").asText()).isEqualTo("List Items");
        assertThat(op("/items/{id}", "delete").path("deprecated").asBoolean()).isTrue();
        assertThat(read.has("deprecated")).isFalse();
        assertThat(doc.path("tags").toString()).isEqualTo("[{\"name\":\"items\"},{\"name\":\"admin\"}]");
    }

    @Test
    void parametersCarryTheirSourceSchemaAndDefault() {
        JsonNode params = op("/items", "get").path("parameters");
        assertThat(params.get(0).toString()).isEqualTo("{\"name\":\"limit\",\"in\":\"query\",\"required\":false,"
                + "\"schema\":{\"type\":\"integer\",\"format\":\"int32\",\"minimum\":1,\"maximum\":100,\"default\":10}}");
        assertThat(params.get(1).path("schema").path("$ref").asText()).isEqualTo("#/components/schemas/Color");
        assertThat(params.get(1).path("required").asBoolean()).isFalse();
        assertThat(params.get(2).path("schema").toString()).isEqualTo("{\"type\":\"array\",\"items\":{\"type\":\"string\"}}");
        assertThat(params.get(3).path("in").asText()).isEqualTo("header");
        assertThat(params.get(3).path("name").asText()).isEqualTo("X-Request-Id");
        assertThat(params.get(4).path("in").asText()).isEqualTo("cookie");
        assertThat(params.get(4).path("name").asText()).isEqualTo("session");
    }

    @Test
    void requestBodiesWholeAndEmbedded() {
        JsonNode create = op("/items", "post").path("requestBody");
        assertThat(create.path("required").asBoolean()).isTrue();
        assertThat(create.path("content").path("application/json").path("schema").path("$ref").asText())
                .isEqualTo("#/components/schemas/Item");
        JsonNode resize = op("/items/{id}/resize", "post").path("requestBody").path("content").path("application/json");
        assertThat(resize.path("schema").path("$ref").asText()).isEqualTo("#/components/schemas/Body_resizeItem");
        JsonNode body = doc.path("components").path("schemas").path("Body_resizeItem");
        assertThat(body.path("properties").fieldNames()).toIterable().containsExactly("from", "to");
        assertThat(body.path("required").toString()).isEqualTo("[\"from\",\"to\"]");
    }

    @Test
    void responsesHaveStatusTypeAndErrors() {
        JsonNode read = op("/items/{id}", "get").path("responses");
        assertThat(read.fieldNames()).toIterable().containsExactly("200", "404", "422");
        assertThat(read.path("200").path("content").path("application/json").path("schema").path("$ref").asText())
                .isEqualTo("#/components/schemas/Item");
        assertThat(read.path("404").path("content").path("application/json").path("schema").path("$ref").asText())
                .isEqualTo("#/components/schemas/HTTPError");
        assertThat(read.path("422").path("content").path("application/json").path("schema").path("$ref").asText())
                .isEqualTo("#/components/schemas/HTTPValidationError");
        assertThat(op("/items", "post").path("responses").fieldNames()).toIterable().containsExactly("201", "422");
        JsonNode delete = op("/items/{id}", "delete").path("responses");
        assertThat(delete.path("204").has("content")).isFalse();
        assertThat(op("/items/{id}/label", "get").path("responses").path("200").path("content").has("text/plain"))
                .isTrue();
        assertThat(op("/items/{id}/picture", "get").path("responses").path("200").path("content")
                .has("application/octet-stream")).isTrue();
        JsonNode list = op("/items", "get").path("responses").path("200").path("content").path("application/json");
        assertThat(list.path("schema").toString())
                .isEqualTo("{\"type\":\"array\",\"items\":{\"$ref\":\"#/components/schemas/Item\"}}");
    }

    @Test
    void declaredResponsesComeFromMethodExceptionAndClass() {
        JsonNode update = op("/items/{id}", "put").path("responses");
        assertThat(update.path("404").path("description").asText()).isEqualTo("No item has this id");
        assertThat(update.path("409").path("description").asText()).isEqualTo("The item changed meanwhile");
        JsonNode user = op("/admin/users/{id}", "get").path("responses");
        assertThat(user.path("403").path("description").asText()).isEqualTo("Admins only");
    }

    @Test
    void securedRoutesNameTheirSchemesAndAnswer401() {
        assertThat(op("/items/{id}", "delete").path("security").toString()).isEqualTo("[{\"bearerAuth\":[]}]");
        assertThat(op("/items/{id}", "delete").path("responses").has("401")).isTrue();
        assertThat(op("/admin/users/{id}", "get").path("security").toString())
                .isEqualTo("[{\"apiKey_header_X-API-Key\":[]}]");
        assertThat(op("/admin/whoami", "get").path("security").toString()).isEqualTo("[{\"basicAuth\":[]}]");
        assertThat(op("/items", "get").has("security")).isFalse();
        JsonNode schemes = doc.path("components").path("securitySchemes");
        assertThat(schemes.path("bearerAuth").toString()).isEqualTo("{\"type\":\"http\",\"scheme\":\"bearer\"}");
        assertThat(schemes.path("basicAuth").toString()).isEqualTo("{\"type\":\"http\",\"scheme\":\"basic\"}");
        assertThat(schemes.path("apiKey_header_X-API-Key").toString())
                .isEqualTo("{\"type\":\"apiKey\",\"in\":\"header\",\"name\":\"X-API-Key\"}");
    }

    @Test
    void configuredServersAreListed() {
        WebApp app = Showcase.app(OpenApiConfig.builder().server("https://shop.example.com/api", "production")
                .server("/", "").build());
        assertThat(OpenApi.generate(app).path("servers").toString()).isEqualTo("[{\"url\":\"https://shop.example.com/api\","
                + "\"description\":\"production\"},{\"url\":\"/\"}]");
    }

    /** Routes that bind nothing and declare no error. */
    @Routes
    public static final class Plain {
        /** Creates the routes. */
        public Plain() {
        }

        /**
         * Answers.
         *
         * @return pong
         */
        @Get("/ping")
        public String ping() {
            return "pong";
        }
    }

    @Test
    void errorComponentsAreListedOnlyWhenAnOperationUsesThem() {
        assertThat(doc.path("components").path("schemas").fieldNames()).toIterable()
                .contains("HTTPError", "HTTPValidationError", "ValidationError");
        ObjectNode plain = OpenApi.generate(WebApp.builder("Plain", "1").routes(Plain.class).build());
        assertThat(plain.path("components").path("schemas").size()).isZero();
    }

    @Test
    void generationIsStable() {
        assertThat(OpenApi.json(Showcase.app())).isEqualTo(OpenApi.json(Showcase.app()));
    }
}
