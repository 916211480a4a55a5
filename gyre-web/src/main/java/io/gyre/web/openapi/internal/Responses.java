package io.gyre.web.openapi.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gyre.web.ResponseBody;
import io.gyre.web.RouteInfo;
import io.gyre.web.WebResponse;
import io.gyre.web.openapi.ApiResponse;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The responses of an operation: the success (status and body from the return type), 404 for
 * an {@code Optional} return, 401 for secured routes, 422 for routes that bind anything, and
 * every {@link ApiResponse} of the method, of the exceptions it declares, and of its class.
 */
final class Responses {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Map<Integer, String> REASONS = Map.ofEntries(Map.entry(200, "Successful Response"),
            Map.entry(201, "Created"), Map.entry(202, "Accepted"), Map.entry(204, "No Content"),
            Map.entry(301, "Moved Permanently"), Map.entry(302, "Found"), Map.entry(303, "See Other"),
            Map.entry(304, "Not Modified"), Map.entry(307, "Temporary Redirect"), Map.entry(308, "Permanent Redirect"),
            Map.entry(400, "Bad Request"), Map.entry(401, "Not authenticated"), Map.entry(403, "Forbidden"),
            Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"), Map.entry(409, "Conflict"),
            Map.entry(410, "Gone"), Map.entry(412, "Precondition Failed"), Map.entry(413, "Content Too Large"),
            Map.entry(415, "Unsupported Media Type"), Map.entry(422, "Validation Error"),
            Map.entry(429, "Too Many Requests"), Map.entry(500, "Internal Server Error"),
            Map.entry(502, "Bad Gateway"), Map.entry(503, "Service Unavailable"), Map.entry(504, "Gateway Timeout"));

    private final SchemaGenerator schemas;

    Responses(SchemaGenerator schemas) {
        this.schemas = schemas;
    }

    static String reason(int status) {
        return REASONS.getOrDefault(status, status < 400 ? "Successful Response" : "Error " + status);
    }

    ObjectNode of(RouteInfo route) {
        Map<String, ObjectNode> out = new TreeMap<>();
        Type returned = route.returnType();
        boolean optional = route.handler().getReturnType() == Optional.class;
        out.put(String.valueOf(route.status()), success(route.status(), returned));
        if (optional) {
            out.put("404", error(404, ""));
        }
        if (!route.security().isEmpty()) {
            out.put("401", error(401, ""));
        }
        if (!route.params().isEmpty()) {
            ObjectNode invalid = JSON.objectNode().put("description", reason(422));
            invalid.putObject("content").putObject("application/json")
                    .set("schema", ErrorSchemas.validationErrorsRef(schemas));
            out.put("422", invalid);
        }
        Class<?> owner = route.handler().getDeclaringClass();
        for (ApiResponse declared : owner.getAnnotationsByType(ApiResponse.class)) {
            out.put(String.valueOf(declared.status()), declared(declared));
        }
        for (Class<?> thrown : route.handler().getExceptionTypes()) {
            for (ApiResponse declared : thrown.getAnnotationsByType(ApiResponse.class)) {
                out.put(String.valueOf(declared.status()), declared(declared));
            }
        }
        for (ApiResponse declared : route.handler().getAnnotationsByType(ApiResponse.class)) {
            out.put(String.valueOf(declared.status()), declared(declared));
        }
        ObjectNode node = JSON.objectNode();
        out.forEach(node::set);
        return node;
    }

    private ObjectNode success(int status, Type returned) {
        ObjectNode node = JSON.objectNode().put("description", reason(status));
        Class<?> raw = io.gyre.web.internal.Types.raw(returned);
        if (raw == Optional.class) {
            returned = io.gyre.web.internal.Types.argument(returned).orElse(Object.class);
            raw = io.gyre.web.internal.Types.raw(returned);
        }
        if (status == 204 || status == 304 || raw == void.class || raw == Void.class || raw == WebResponse.class) {
            return node;
        }
        ObjectNode content = node.putObject("content");
        if (raw == String.class || raw == CharSequence.class) {
            content.putObject("text/plain").putObject("schema").put("type", "string");
        } else if (raw == byte[].class || Path.class.isAssignableFrom(raw) || ResponseBody.class.isAssignableFrom(raw)) {
            content.putObject("application/octet-stream").putObject("schema").put("type", "string")
                    .put("format", "binary");
        } else {
            content.putObject("application/json").set("schema", schemas.schema(returned));
        }
        return node;
    }

    private ObjectNode error(int status, String description) {
        ObjectNode node = JSON.objectNode().put("description", description.isEmpty() ? reason(status) : description);
        node.putObject("content").putObject("application/json")
                .set("schema", ErrorSchemas.httpErrorRef(schemas));
        return node;
    }

    private ObjectNode declared(ApiResponse declared) {
        if (declared.status() < 100 || declared.status() > 599) {
            throw new IllegalArgumentException("@ApiResponse status not in 100..599: " + declared.status());
        }
        if (declared.type() == ApiResponse.Detail.class) {
            return error(declared.status(), declared.description());
        }
        ObjectNode node = JSON.objectNode().put("description",
                declared.description().isEmpty() ? reason(declared.status()) : declared.description());
        if (declared.type() != Void.class && declared.type() != void.class) {
            node.putObject("content").putObject("application/json").set("schema", schemas.schema(declared.type()));
        }
        return node;
    }
}
