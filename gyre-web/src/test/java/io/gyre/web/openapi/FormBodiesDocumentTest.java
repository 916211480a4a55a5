package io.gyre.web.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gyre.web.Default;
import io.gyre.web.Form;
import io.gyre.web.Post;
import io.gyre.web.Routes;
import io.gyre.web.UploadedFile;
import io.gyre.web.WebApp;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import jakarta.validation.constraints.Min;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FormBodiesDocumentTest {
    static ObjectNode doc;

    @Routes(prefix = "/forms")
    public static final class FormRoutes {
        @Post("/login")
        public String login(@Form String user, @Form Optional<String> password) {
            return user;
        }

        @Post("/upload")
        public void upload(@Form String title, UploadedFile file, List<UploadedFile> extras) {
        }

        @Post("/token")
        public String token(@Form @Default("read") String scope, @Form @Default("5") @Min(1) int ttl,
                @Form @Default("a,b") List<String> audience) {
            return scope;
        }
    }

    @BeforeAll
    static void generate() {
        doc = OpenApi.generate(WebApp.builder("Forms", "1").routes(FormRoutes.class).build());
    }

    @Test
    void formFieldsAreAUrlencodedRequestBodyNotParameters() {
        JsonNode login = doc.path("paths").path("/forms/login").path("post");
        assertThat(login.has("parameters")).isFalse();
        assertThat(login.path("requestBody").toString()).isEqualTo("{\"content\":{\"application/x-www-form-urlencoded\":"
                + "{\"schema\":{\"$ref\":\"#/components/schemas/Body_login\"}}},\"required\":true}");
        assertThat(doc.path("components").path("schemas").path("Body_login").toString()).isEqualTo(
                "{\"title\":\"Body_login\",\"type\":\"object\",\"properties\":{\"user\":{\"type\":\"string\"},"
                        + "\"password\":{\"type\":\"string\"}},\"required\":[\"user\"]}");
    }

    @Test
    void filesMakeTheBodyMultipartWithBinaryStrings() {
        JsonNode upload = doc.path("paths").path("/forms/upload").path("post");
        assertThat(upload.has("parameters")).isFalse();
        assertThat(upload.path("requestBody").path("content").path("multipart/form-data").path("schema").toString())
                .isEqualTo("{\"$ref\":\"#/components/schemas/Body_upload\"}");
        assertThat(upload.path("requestBody").path("required").asBoolean()).isTrue();
        assertThat(doc.path("components").path("schemas").path("Body_upload").toString()).isEqualTo(
                "{\"title\":\"Body_upload\",\"type\":\"object\",\"properties\":{\"title\":{\"type\":\"string\"},"
                        + "\"file\":{\"type\":\"string\",\"format\":\"binary\"},"
                        + "\"extras\":{\"type\":\"array\",\"items\":{\"type\":\"string\",\"format\":\"binary\"}}},"
                        + "\"required\":[\"title\",\"file\"]}");
    }

    @Test
    void formFieldDefaultsAreInTheBodySchemaAndMakeFieldsOptional() {
        JsonNode token = doc.path("paths").path("/forms/token").path("post").path("requestBody");
        assertThat(token.path("required").asBoolean()).isFalse();
        assertThat(doc.path("components").path("schemas").path("Body_token").toString()).isEqualTo(
                "{\"title\":\"Body_token\",\"type\":\"object\",\"properties\":{"
                        + "\"scope\":{\"type\":\"string\",\"default\":\"read\"},"
                        + "\"ttl\":{\"type\":\"integer\",\"format\":\"int32\",\"minimum\":1,\"default\":5},"
                        + "\"audience\":{\"type\":\"array\",\"items\":{\"type\":\"string\"},\"default\":[\"a\",\"b\"]}}}");
    }

    @Test
    void documentWithFormsValidatesWithSwaggerParserWithoutMessages() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(doc.toString(), null, options);
        assertThat(result.getMessages()).isEmpty();
    }
}
