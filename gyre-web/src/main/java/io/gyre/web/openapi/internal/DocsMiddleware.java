package io.gyre.web.openapi.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gyre.web.Middleware;
import io.gyre.web.WebApp;
import io.gyre.web.WebRequest;
import io.gyre.web.WebResponse;
import io.gyre.web.internal.RequestState;
import io.gyre.web.openapi.OpenApi;
import io.gyre.web.openapi.OpenApiConfig;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves the OpenAPI document and the docs pages with their bundled assets. It is the innermost
 * middleware, so the app's other middleware (CORS, GZip, trusted hosts) apply to it; any other
 * request passes through with a few string comparisons.
 *
 * <p>Thread-safety: the document is generated once in {@link #attach}, before the app serves;
 * the per-root-path caches are concurrent maps.
 */
public final class DocsMiddleware implements Middleware {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> SWAGGER_FILES = Set.of("swagger-ui.css", "swagger-ui-bundle.js",
            "favicon-32x32.png", "favicon-16x16.png", "oauth2-redirect.html", "oauth2-redirect.js");
    private static final Set<String> REDOC_FILES = Set.of("redoc.standalone.js");
    private static final String IMMUTABLE = "public, max-age=31536000, immutable";

    private final OpenApiConfig config;
    private final String openApiUrl;
    private final Optional<Webjar> swagger;
    private final Optional<Webjar> redoc;
    private final String swaggerAssets;
    private final String redocAssets;
    /* Swagger UI's OAuth2 redirect page and script, under the docs page's path ("" without it). */
    private final String oauthPage;
    private final String oauthScript;
    private volatile ObjectNode document;
    private volatile String title = "";
    /* Document bytes and pages by root path: one entry per server in practice. */
    private final Map<String, byte[]> documents = new ConcurrentHashMap<>();
    private final Map<String, byte[]> pages = new ConcurrentHashMap<>();

    private DocsMiddleware(OpenApiConfig config) {
        this.config = config;
        this.openApiUrl = config.openApiUrl().orElseThrow();
        this.swagger = config.docsUrl().map(u -> Webjar.find("swagger-ui", "Swagger UI", SWAGGER_FILES,
                "disable the page with OpenApiConfig.builder().noDocs()"));
        this.redoc = config.redocUrl().map(u -> Webjar.find("redoc", "ReDoc", REDOC_FILES,
                "disable the page with OpenApiConfig.builder().noRedoc()"));
        this.swaggerAssets = config.docsUrl().orElse("") + "/swagger-ui/" + swagger.map(Webjar::version).orElse("") + "/";
        this.redocAssets = config.redocUrl().orElse("") + "/redoc/" + redoc.map(Webjar::version).orElse("") + "/";
        this.oauthPage = config.docsUrl().map(u -> u + "/oauth2-redirect.html").orElse("");
        this.oauthScript = config.docsUrl().map(u -> u + "/oauth2-redirect.js").orElse("");
    }

    /**
     * Returns the middleware for a configuration, or empty if it serves nothing.
     *
     * @throws IllegalStateException if a page is enabled and its assets are missing
     */
    public static Optional<DocsMiddleware> of(OpenApiConfig config) {
        return config.openApiUrl().isPresent() ? Optional.of(new DocsMiddleware(config)) : Optional.empty();
    }

    /** Generates the document of the app this middleware belongs to. */
    public void attach(WebApp app) {
        this.title = app.title();
        this.document = OpenApi.generate(app);
    }

    @Override
    public WebResponse handle(WebRequest request, Next next) throws Exception {
        String method = request.method();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return next.proceed(request);
        }
        String path = request.path();
        if (path.equals(openApiUrl)) {
            return documentResponse(rootPath(request));
        }
        if (config.docsUrl().isPresent()) {
            String docs = config.docsUrl().get();
            if (path.equals(docs)) {
                return page("swagger:" + rootPath(request), () -> swaggerPage(rootPath(request)));
            }
            if (path.startsWith(swaggerAssets)) {
                return asset(swagger.orElseThrow(), path.substring(swaggerAssets.length()), request);
            }
            if (path.equals(oauthPage) || path.equals(oauthScript)) {
                return asset(swagger.orElseThrow(), path.substring(docs.length() + 1), request);
            }
        }
        if (config.redocUrl().isPresent()) {
            if (path.equals(config.redocUrl().get())) {
                return page("redoc:" + rootPath(request), () -> redocPage(rootPath(request)));
            }
            if (path.startsWith(redocAssets)) {
                return asset(redoc.orElseThrow(), path.substring(redocAssets.length()), request);
            }
        }
        return next.proceed(request);
    }

    private static String rootPath(WebRequest request) {
        return request instanceof RequestState state ? state.raw().rootPath() : "";
    }

    private WebResponse documentResponse(String rootPath) {
        ObjectNode doc = document;
        if (doc == null) {
            throw new IllegalStateException("internal error: the OpenAPI middleware was not attached to its app"
                    + " (please report)");
        }
        byte[] bytes = documents.computeIfAbsent(rootPath, root -> {
            ObjectNode copy = doc;
            if (!root.isEmpty() && !doc.has("servers")) {
                copy = doc.deepCopy();
                ObjectNode withServers = copy.objectNode();
                copy.properties().forEach(e -> {
                    withServers.set(e.getKey(), e.getValue());
                    if (e.getKey().equals("info")) {
                        withServers.putArray("servers").addObject().put("url", root);
                    }
                });
                copy = withServers;
            }
            try {
                return JSON.writeValueAsBytes(copy);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("internal error: cannot write the OpenAPI document (please report)", e);
            }
        });
        return WebResponse.of(200).bytes(bytes, "application/json");
    }

    private WebResponse page(String key, java.util.function.Supplier<String> html) {
        byte[] bytes = pages.computeIfAbsent(key, k -> html.get().getBytes(StandardCharsets.UTF_8));
        return WebResponse.of(200).header("Cache-Control", "no-cache").bytes(bytes, "text/html; charset=utf-8");
    }

    private String swaggerPage(String rootPath) {
        String docs = config.docsUrl().orElseThrow();
        return DocsPages.swaggerUi(title, rootPath + swaggerAssets, rootPath + openApiUrl,
                rootPath + docs + "/oauth2-redirect.html");
    }

    private String redocPage(String rootPath) {
        return DocsPages.redoc(title, rootPath + redocAssets + "redoc.standalone.js", rootPath + openApiUrl);
    }

    private static WebResponse asset(Webjar jar, String file, WebRequest request) {
        Optional<byte[]> bytes = jar.file(file);
        if (bytes.isEmpty()) {
            return WebResponse.of(404).json(Map.of("detail", "Not Found"));
        }
        String etag = "\"" + jar.version() + "-" + file + "\"";
        if (request.header("If-None-Match").filter(etag::equals).isPresent()) {
            return WebResponse.of(304).header("ETag", etag).empty();
        }
        return WebResponse.of(200).header("Cache-Control", IMMUTABLE).header("ETag", etag)
                .bytes(bytes.get(), Webjar.contentType(file));
    }
}
