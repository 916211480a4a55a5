package io.gyre.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.gyre.web.openapi.OpenApi;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.Test;

class ShopOpenApiTest {
    @Test
    void demoShopDocumentValidatesWithSwaggerParserWithoutMessages() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(OpenApi.json(ShopApp.app()), null, options);
        assertThat(result.getMessages()).isEmpty();
        assertThat(result.getOpenAPI().getOpenapi()).isEqualTo("3.1.0");
        assertThat(result.getOpenAPI().getPaths()).containsKeys("/items", "/items/{id}");
        assertThat(result.getOpenAPI().getPaths().get("/items").getPost().getResponses()).containsKeys("201", "422");
    }
}
