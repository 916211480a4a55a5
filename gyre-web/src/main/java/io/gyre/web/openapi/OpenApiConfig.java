package io.gyre.web.openapi;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Where an app serves its OpenAPI document and docs pages, and what the document says about
 * servers. The default serves {@code /openapi.json}, Swagger UI at {@code /docs} and ReDoc at
 * {@code /redoc}, all from assets bundled in the jar (no CDN, works offline).
 *
 * {@snippet :
 * WebApp.builder("Shop", "1.0")
 *     .openApi(OpenApiConfig.builder()
 *         .docsUrl("/api/docs")
 *         .noRedoc()
 *         .server("https://shop.example.com", "production")
 *         .build())
 * }
 *
 * <p>URLs are paths of the app; behind a proxy with a root path ({@code --root-path}), the
 * pages and the document's {@code servers} use the root path too.
 *
 * @param openApiUrl the document's path (default {@code /openapi.json}); empty to serve no
 *     document (and so no pages)
 * @param docsUrl the Swagger UI page's path (default {@code /docs}); empty for none
 * @param redocUrl the ReDoc page's path (default {@code /redoc}); empty for none
 * @param servers the document's {@code servers}; empty means the root path, if any
 */
public record OpenApiConfig(Optional<String> openApiUrl, Optional<String> docsUrl, Optional<String> redocUrl,
        List<Server> servers) {
    /**
     * A server the API is reachable at.
     *
     * @param url the base URL, absolute or relative to the document
     * @param description a description, possibly empty
     */
    public record Server(String url, String description) {
        /**
         * Checks the components.
         *
         * @param url the URL
         * @param description the description
         * @throws IllegalArgumentException if the URL is blank
         */
        public Server {
            Objects.requireNonNull(description, "description");
            if (url.isBlank()) {
                throw new IllegalArgumentException("server url is blank; give a URL such as https://api.example.com");
            }
        }
    }

    /**
     * Checks the paths.
     *
     * @param openApiUrl the document's path
     * @param docsUrl the Swagger UI page's path
     * @param redocUrl the ReDoc page's path
     * @param servers the servers
     * @throws IllegalArgumentException if a path does not start with {@code /}, ends with
     *     {@code /}, is used twice, or a page is configured without a document
     */
    public OpenApiConfig {
        servers = List.copyOf(servers);
        Set<String> seen = new HashSet<>();
        check("openApiUrl", openApiUrl, seen);
        check("docsUrl", docsUrl, seen);
        check("redocUrl", redocUrl, seen);
        if (openApiUrl.isEmpty() && (docsUrl.isPresent() || redocUrl.isPresent())) {
            throw new IllegalArgumentException("docsUrl/redocUrl are set but openApiUrl is not: the pages load the"
                    + " document from openApiUrl. Set openApiUrl, or disable the pages with noDocs() and noRedoc()");
        }
    }

    private static void check(String option, Optional<String> url, Set<String> seen) {
        if (url.isEmpty()) {
            return;
        }
        String path = url.get();
        if (!path.startsWith("/") || path.length() > 1 && path.endsWith("/") || path.equals("/")) {
            throw new IllegalArgumentException(option + " must start with '/' and not end with '/' (such as '/docs'): '"
                    + path + "'");
        }
        if (!seen.add(path)) {
            throw new IllegalArgumentException(option + " '" + path + "' is already used by another OpenAPI URL; give"
                    + " each its own path");
        }
    }

    /**
     * Returns the default: {@code /openapi.json}, {@code /docs} and {@code /redoc}.
     *
     * @return the default configuration
     */
    public static OpenApiConfig defaults() {
        return builder().build();
    }

    /**
     * Returns a configuration that serves no document and no pages ({@link OpenApi#generate}
     * still works).
     *
     * @return the disabled configuration
     */
    public static OpenApiConfig disabled() {
        return builder().noOpenApi().build();
    }

    /**
     * Starts from the default.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds an {@link OpenApiConfig}. Not thread-safe. */
    public static final class Builder {
        private Optional<String> openApiUrl = Optional.of("/openapi.json");
        private Optional<String> docsUrl = Optional.of("/docs");
        private Optional<String> redocUrl = Optional.of("/redoc");
        private final List<Server> servers = new ArrayList<>();

        private Builder() {
        }

        /**
         * Sets the document's path. Default {@code /openapi.json}.
         *
         * @param path the path, such as {@code /api/openapi.json}
         * @return this builder
         */
        public Builder openApiUrl(String path) {
            this.openApiUrl = Optional.of(path);
            return this;
        }

        /**
         * Serves no document and no pages.
         *
         * @return this builder
         */
        public Builder noOpenApi() {
            this.openApiUrl = Optional.empty();
            this.docsUrl = Optional.empty();
            this.redocUrl = Optional.empty();
            return this;
        }

        /**
         * Sets the Swagger UI page's path. Default {@code /docs}.
         *
         * @param path the path
         * @return this builder
         */
        public Builder docsUrl(String path) {
            this.docsUrl = Optional.of(path);
            return this;
        }

        /**
         * Serves no Swagger UI page.
         *
         * @return this builder
         */
        public Builder noDocs() {
            this.docsUrl = Optional.empty();
            return this;
        }

        /**
         * Sets the ReDoc page's path. Default {@code /redoc}.
         *
         * @param path the path
         * @return this builder
         */
        public Builder redocUrl(String path) {
            this.redocUrl = Optional.of(path);
            return this;
        }

        /**
         * Serves no ReDoc page.
         *
         * @return this builder
         */
        public Builder noRedoc() {
            this.redocUrl = Optional.empty();
            return this;
        }

        /**
         * Adds a server to the document. Default none, which means the root path (if any).
         *
         * @param url the base URL
         * @param description a description, possibly empty
         * @return this builder
         */
        public Builder server(String url, String description) {
            servers.add(new Server(url, description));
            return this;
        }

        /**
         * Builds the configuration.
         *
         * @return the configuration
         * @throws IllegalArgumentException if a path is malformed or used twice
         */
        public OpenApiConfig build() {
            return new OpenApiConfig(openApiUrl, docsUrl, redocUrl, servers);
        }
    }
}
