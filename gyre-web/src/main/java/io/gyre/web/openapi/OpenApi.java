package io.gyre.web.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gyre.web.WebApp;
import io.gyre.web.openapi.internal.DocumentBuilder;

/**
 * The OpenAPI 3.1.0 document of an app, generated from its routes: the same typed routes that
 * bind requests. Available without starting the app (no lifespan runs), so it can be written
 * out in a build and diffed; the CLI's {@code gyre openapi com.example.App} prints it.
 *
 * {@snippet :
 * Files.writeString(Path.of("openapi.json"), OpenApi.json(app));
 * }
 *
 * <p>What it contains: one operation per route (operationId = the route's name; tags, summary,
 * description, deprecation), parameters with their source ({@code path}, {@code query},
 * {@code header}, {@code cookie}) and JSON Schema 2020-12 schemas with Bean Validation
 * constraints, the JSON request body, the success response from the return type and status,
 * 422 with the validation error body for routes that bind anything, 404 for {@code Optional}
 * returns, 401 and the security schemes of secured routes, {@link ApiResponse}s, and the app's
 * title, version, description and servers ({@link OpenApiConfig#servers()}).
 */
public final class OpenApi {
    private static final JsonMapper PRINTER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private OpenApi() {
    }

    /**
     * Generates the document of an app. Each call builds a new tree.
     *
     * @param app the app, started or not
     * @return the document, as a Jackson tree the caller may change
     */
    public static ObjectNode generate(WebApp app) {
        return DocumentBuilder.build(new DocumentBuilder.Api(app.title(), app.version(), app.description(),
                app.routes(), app.openApi().servers()), app.objectMapper());
    }

    /**
     * Generates the document of an app as indented JSON text.
     *
     * @param app the app, started or not
     * @return the document
     */
    public static String json(WebApp app) {
        try {
            return PRINTER.writeValueAsString(generate(app)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("internal error: cannot write the OpenAPI document (please report)", e);
        }
    }
}
