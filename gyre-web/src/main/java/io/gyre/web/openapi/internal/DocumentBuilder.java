package io.gyre.web.openapi.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gyre.web.Body;
import io.gyre.web.ParamInfo;
import io.gyre.web.ParamSource;
import io.gyre.web.RouteInfo;
import io.gyre.web.SecurityScheme;
import io.gyre.web.openapi.OpenApiConfig;
import java.lang.annotation.Annotation;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Builds an OpenAPI 3.1.0 document from an app's routes: one path item per path template, one
 * operation per route, with the route's name as its operationId (names are unique in an app,
 * so operationIds are too, and they change only when a route is renamed).
 */
public final class DocumentBuilder {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final SchemaGenerator schemas;
    private final Responses responses;
    private final Map<String, ObjectNode> paths = new LinkedHashMap<>();
    private final Set<String> tags = new LinkedHashSet<>();
    private final Map<String, SecurityScheme> securitySchemes = new LinkedHashMap<>();

    /** What the document describes. */
    public record Api(String title, String version, String description, List<RouteInfo> routes,
            List<OpenApiConfig.Server> servers) {
    }

    private DocumentBuilder(ObjectMapper mapper) {
        this.schemas = new SchemaGenerator(mapper);
        this.responses = new Responses(schemas);
    }

    /**
     * Builds the document.
     *
     * @param api the app's description and routes
     * @param mapper the app's JSON mapper
     * @return the document
     */
    public static ObjectNode build(Api api, ObjectMapper mapper) {
        return new DocumentBuilder(mapper).document(api);
    }

    private ObjectNode document(Api api) {
        for (RouteInfo route : api.routes()) {
            String path = openApiPath(route.path());
            paths.computeIfAbsent(path, p -> JSON.objectNode())
                    .set(route.method().toLowerCase(Locale.ROOT), operation(route));
        }
        ObjectNode doc = JSON.objectNode().put("openapi", "3.1.0");
        ObjectNode info = doc.putObject("info").put("title", api.title()).put("version", api.version());
        if (!api.description().isEmpty()) {
            info.put("description", api.description());
        }
        if (!api.servers().isEmpty()) {
            ArrayNode servers = doc.putArray("servers");
            for (OpenApiConfig.Server server : api.servers()) {
                ObjectNode s = servers.addObject().put("url", server.url());
                if (!server.description().isEmpty()) {
                    s.put("description", server.description());
                }
            }
        }
        ObjectNode pathsNode = doc.putObject("paths");
        paths.forEach(pathsNode::set);
        ObjectNode components = doc.putObject("components");
        components.set("schemas", schemas.finish());
        if (!securitySchemes.isEmpty()) {
            ObjectNode schemes = components.putObject("securitySchemes");
            securitySchemes.forEach((id, scheme) -> schemes.set(id, securityScheme(scheme)));
        }
        if (!tags.isEmpty()) {
            ArrayNode tagList = doc.putArray("tags");
            tags.forEach(tag -> tagList.addObject().put("name", tag));
        }
        return doc;
    }

    private ObjectNode operation(RouteInfo route) {
        ObjectNode op = JSON.objectNode();
        if (!route.tags().isEmpty()) {
            ArrayNode tagList = op.putArray("tags");
            for (String tag : new LinkedHashSet<>(route.tags())) {
                tagList.add(tag);
                tags.add(tag);
            }
        }
        op.put("summary", route.summary().isEmpty() ? humanize(route.name()) : route.summary());
        if (!route.description().isEmpty()) {
            op.put("description", route.description());
        }
        op.put("operationId", route.name());
        ArrayNode parameters = JSON.arrayNode();
        for (ParamInfo param : route.params()) {
            if (!inBody(param)) {
                parameters.add(parameter(param));
            }
        }
        if (!parameters.isEmpty()) {
            op.set("parameters", parameters);
        }
        List<ParamInfo> form = route.params().stream()
                .filter(p -> p.source() == ParamSource.FORM || p.source() == ParamSource.FILE).toList();
        List<ParamInfo> body = route.bodyParams();
        if (!form.isEmpty()) {
            op.set("requestBody", formBody(route, form));
        } else if (!body.isEmpty()) {
            op.set("requestBody", requestBody(route, body));
        }
        op.set("responses", responses.of(route));
        if (!route.security().isEmpty()) {
            ObjectNode requirement = op.putArray("security").addObject();
            for (SecurityScheme scheme : route.security()) {
                securitySchemes.putIfAbsent(scheme.id(), scheme);
                requirement.putArray(scheme.id());
            }
        }
        if (route.deprecated()) {
            op.put("deprecated", true);
        }
        return op;
    }

    private ObjectNode parameter(ParamInfo param) {
        ObjectNode node = JSON.objectNode().put("name", param.name()).put("in", param.source().label())
                .put("required", param.required() || param.source() == ParamSource.PATH);
        node.set("schema", valueSchema(param));
        return node;
    }

    /** A parameter's or form field's schema, with its {@code @Default} as a typed {@code default}. */
    private ObjectNode valueSchema(ParamInfo param) {
        ObjectNode schema = schemas.schema(param.type(), param.annotations());
        param.defaultValue().ifPresent(text -> schema.set("default", Defaults.typed(schema, text)));
        return schema;
    }

    private ObjectNode requestBody(RouteInfo route, List<ParamInfo> body) {
        boolean embedded = body.size() > 1 || body.stream().anyMatch(DocumentBuilder::namedBody);
        ObjectNode schema;
        boolean required;
        if (embedded) {
            String name = "Body_" + route.name();
            ObjectNode object = JSON.objectNode().put("title", name).put("type", "object");
            ObjectNode properties = object.putObject("properties");
            ArrayNode requiredNames = JSON.arrayNode();
            for (ParamInfo param : body) {
                properties.set(param.name(), schemas.schema(param.type(), param.annotations()));
                if (param.required()) {
                    requiredNames.add(param.name());
                }
            }
            if (!requiredNames.isEmpty()) {
                object.set("required", requiredNames);
            }
            schema = schemas.fixed(name, object);
            required = !requiredNames.isEmpty();
        } else {
            ParamInfo param = body.getFirst();
            schema = schemas.schema(param.type(), param.annotations());
            required = param.required();
        }
        ObjectNode node = JSON.objectNode();
        node.putObject("content").putObject("application/json").set("schema", schema);
        node.put("required", required);
        return node;
    }

    /** Form fields and files are properties of the request body, never OpenAPI parameters. */
    private static boolean inBody(ParamInfo param) {
        return param.source() == ParamSource.BODY || param.source() == ParamSource.FORM
                || param.source() == ParamSource.FILE;
    }

    /**
     * A form body, as FastAPI describes it: a {@code Body_<operationId>} object whose files are
     * binary strings; multipart when a file is among the fields, urlencoded otherwise.
     */
    private ObjectNode formBody(RouteInfo route, List<ParamInfo> fields) {
        String name = "Body_" + route.name();
        ObjectNode object = JSON.objectNode().put("title", name).put("type", "object");
        ObjectNode properties = object.putObject("properties");
        ArrayNode requiredNames = JSON.arrayNode();
        boolean multipart = false;
        for (ParamInfo param : fields) {
            if (param.source() == ParamSource.FILE) {
                multipart = true;
                ObjectNode binary = JSON.objectNode().put("type", "string").put("format", "binary");
                if (io.gyre.web.internal.Types.raw(param.type()) == List.class) {
                    ObjectNode array = JSON.objectNode().put("type", "array");
                    array.set("items", binary);
                    binary = array;
                }
                properties.set(param.name(), binary);
            } else {
                properties.set(param.name(), valueSchema(param));
            }
            if (param.required()) {
                requiredNames.add(param.name());
            }
        }
        if (!requiredNames.isEmpty()) {
            object.set("required", requiredNames);
        }
        ObjectNode node = JSON.objectNode();
        node.putObject("content").putObject(multipart ? "multipart/form-data" : "application/x-www-form-urlencoded")
                .set("schema", schemas.fixed(name, object));
        node.put("required", !requiredNames.isEmpty());
        return node;
    }

    private static boolean namedBody(ParamInfo param) {
        for (Annotation annotation : param.annotations()) {
            if (annotation instanceof Body b && !b.value().isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private static ObjectNode securityScheme(SecurityScheme scheme) {
        ObjectNode node = JSON.objectNode().put("type", scheme.type());
        if (scheme.type().equals("http")) {
            node.put("scheme", scheme.scheme());
        } else {
            node.put("in", scheme.in()).put("name", scheme.name());
        }
        return node;
    }

    /** {@code /items/{id:long}} to {@code /items/{id}}. */
    static String openApiPath(String template) {
        return template.replaceAll("\\{([^}:]+):[^}]*}", "{$1}");
    }

    /** {@code readItem} to {@code Read Item}, {@code list_items} to {@code List Items}. */
    static String humanize(String name) {
        StringBuilder out = new StringBuilder();
        boolean upperNext = true;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '_' || c == '-') {
                upperNext = true;
                continue;
            }
            if (Character.isUpperCase(c) && i > 0 && !Character.isUpperCase(name.charAt(i - 1))) {
                upperNext = true;
            }
            if (upperNext && !out.isEmpty()) {
                out.append(' ');
            }
            out.append(upperNext ? Character.toUpperCase(c) : c);
            upperNext = false;
        }
        return out.toString();
    }
}
