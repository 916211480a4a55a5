package io.gyre.web.openapi.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/**
 * The error bodies every Gyre app answers with, as fixed components: the 422 body
 * ({@code HTTPValidationError}: {@code {"detail": [ValidationError, ...]}}, FastAPI's shape)
 * and the {@code {"detail": ...}} body of an {@code HttpException} ({@code HTTPError}).
 */
public final class ErrorSchemas {
    /** The 422 body's component name. */
    public static final String VALIDATION_ERRORS = "HTTPValidationError";
    /** One validation error's component name. */
    public static final String VALIDATION_ERROR = "ValidationError";
    /** The generic error body's component name. */
    public static final String HTTP_ERROR = "HTTPError";
    /** The names no user type may take unqualified. */
    public static final Set<String> NAMES = Set.of(VALIDATION_ERRORS, VALIDATION_ERROR, HTTP_ERROR);

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ErrorSchemas() {
    }

    /** {@code {"type", "loc", "msg", "input"}}: one binding or validation failure. */
    public static ObjectNode validationError() {
        ObjectNode schema = JSON.objectNode().put("title", VALIDATION_ERROR).put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        properties.putObject("type").put("type", "string")
                .put("description", "A machine-readable kind, such as missing, int_parsing or greater_than");
        ObjectNode loc = properties.putObject("loc").put("type", "array")
                .put("description", "Where: path, query, header, cookie or body, then names and list indexes");
        loc.putObject("items").putArray("anyOf").add(JSON.objectNode().put("type", "string"))
                .add(JSON.objectNode().put("type", "integer"));
        properties.putObject("msg").put("type", "string").put("description", "A human-readable message");
        properties.putObject("input").put("description", "The offending input, when there was one");
        schema.putArray("required").add("type").add("loc").add("msg");
        return schema;
    }

    /** {@code {"detail": [ValidationError, ...]}}: the 422 body. */
    public static ObjectNode validationErrors() {
        ObjectNode schema = JSON.objectNode().put("title", VALIDATION_ERRORS).put("type", "object");
        ObjectNode detail = schema.putObject("properties").putObject("detail").put("type", "array");
        detail.set("items", SchemaGenerator.ref(VALIDATION_ERROR));
        schema.putArray("required").add("detail");
        return schema;
    }

    /** {@code {"detail": ...}}: the body of an {@code HttpException}. */
    public static ObjectNode httpError() {
        ObjectNode schema = JSON.objectNode().put("title", HTTP_ERROR).put("type", "object");
        schema.putObject("properties").putObject("detail")
                .put("description", "What went wrong: usually a message, or a structured value");
        schema.putArray("required").add("detail");
        return schema;
    }

    /**
     * Registers the 422 body (and the one validation error it lists) with a generator, as the
     * operations that answer 422 refer to it: a document lists only the error bodies its
     * operations answer with.
     *
     * @param generator the document's generator
     * @return a {@code $ref} to {@code HTTPValidationError}
     */
    static ObjectNode validationErrorsRef(SchemaGenerator generator) {
        generator.fixed(VALIDATION_ERROR, validationError());
        return generator.fixed(VALIDATION_ERRORS, validationErrors());
    }

    /**
     * Registers the {@code HttpException} body with a generator, as an operation refers to it.
     *
     * @param generator the document's generator
     * @return a {@code $ref} to {@code HTTPError}
     */
    static ObjectNode httpErrorRef(SchemaGenerator generator) {
        return generator.fixed(HTTP_ERROR, httpError());
    }
}
