package io.gyre.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Cross-Origin Resource Sharing: answers preflight requests and adds the CORS headers to
 * responses for allowed origins. Starlette's {@code CORSMiddleware}.
 *
 * <p>Caching follows the Fetch standard: when any origin is allowed without credentials, every
 * response carries {@code Access-Control-Allow-Origin: *}, requests without an {@code Origin}
 * too; otherwise every response carries {@code Vary: Origin}, also for requests without an
 * {@code Origin} or with one that is not allowed, so that a shared cache never hands one
 * origin's answer to another. With credentials the origin is echoed, never {@code *}.
 *
 * {@snippet :
 * .middleware(Cors.builder().allowOrigins("https://app.example").allowCredentials(true).build())
 * }
 */
public final class Cors implements Middleware {
    private final List<String> origins;
    private final List<Pattern> originPatterns;
    private final List<String> methods;
    private final List<String> headers;
    private final List<String> exposeHeaders;
    private final boolean credentials;
    private final Duration maxAge;
    /** Whether every origin is allowed ({@code *} among the origins). */
    private final boolean wildcard;
    /** Whether every origin gets the same {@code *}; browsers reject {@code *} with credentials. */
    private final boolean anyOrigin;

    private Cors(Builder builder) {
        this.origins = List.copyOf(builder.origins);
        this.originPatterns = List.copyOf(builder.originPatterns);
        this.methods = List.copyOf(builder.methods);
        this.headers = List.copyOf(builder.headers);
        this.exposeHeaders = List.copyOf(builder.exposeHeaders);
        this.credentials = builder.credentials;
        this.maxAge = builder.maxAge;
        this.wildcard = origins.contains("*");
        this.anyOrigin = wildcard && !credentials;
    }

    /**
     * Returns a builder that allows no origin until told.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public WebResponse handle(WebRequest request, Next next) throws Exception {
        Optional<String> origin = request.header("Origin");
        if (origin.isEmpty()) {
            WebResponse response = next.proceed(request);
            return anyOrigin
                    ? response.toBuilder().header("Access-Control-Allow-Origin", "*").build()
                    : response.toBuilder().addHeader("Vary", "Origin").build();
        }
        boolean allowed = wildcard || origins.contains(origin.get())
                || originPatterns.stream().anyMatch(p -> p.matcher(origin.get()).matches());
        boolean preflight = request.method().equals("OPTIONS") && request.header("Access-Control-Request-Method").isPresent();
        if (preflight) {
            String method = request.header("Access-Control-Request-Method").get().toUpperCase(Locale.ROOT);
            boolean methodOk = methods.contains("*") || methods.contains(method);
            List<String> asked = request.header("Access-Control-Request-Headers").map(Cors::split).orElse(List.of());
            boolean headersOk = headers.contains("*") || asked.stream().allMatch(h -> contains(headers, h) || isSimple(h));
            if (!allowed || !methodOk || !headersOk) {
                String reason = !allowed ? "origin" : !methodOk ? "method" : "headers";
                return WebResponse.of(400).header("Vary", "Origin").text("Disallowed CORS " + reason);
            }
            WebResponse.Builder ok = WebResponse.of(200)
                    .header("Access-Control-Allow-Origin", allowOrigin(origin.get()))
                    .header("Access-Control-Allow-Methods", String.join(", ", methods.contains("*") ? List.of(method) : methods))
                    .header("Access-Control-Max-Age", Long.toString(maxAge.toSeconds()))
                    .header("Vary", "Origin");
            if (!asked.isEmpty()) {
                ok.header("Access-Control-Allow-Headers", headers.contains("*") ? String.join(", ", asked) : String.join(", ", headers));
            }
            if (credentials) {
                ok.header("Access-Control-Allow-Credentials", "true");
            }
            return ok.text("OK");
        }
        WebResponse response = next.proceed(request);
        if (!allowed) {
            return response.toBuilder().addHeader("Vary", "Origin").build();
        }
        WebResponse.Builder out = response.toBuilder()
                .header("Access-Control-Allow-Origin", allowOrigin(origin.get()));
        if (!anyOrigin) {
            out.addHeader("Vary", "Origin");
        }
        if (credentials) {
            out.header("Access-Control-Allow-Credentials", "true");
        }
        if (!exposeHeaders.isEmpty()) {
            out.header("Access-Control-Expose-Headers", String.join(", ", exposeHeaders));
        }
        return out.build();
    }

    private String allowOrigin(String origin) {
        return anyOrigin ? "*" : origin;
    }

    private static List<String> split(String list) {
        List<String> out = new ArrayList<>();
        for (String part : list.split(",")) {
            if (!part.isBlank()) {
                out.add(part.strip().toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    private static boolean contains(List<String> list, String value) {
        return list.stream().anyMatch(v -> v.equalsIgnoreCase(value));
    }

    private static boolean isSimple(String header) {
        return List.of("accept", "accept-language", "content-language", "content-type").contains(header);
    }

    /** Builds a {@link Cors}. Not thread-safe. */
    public static final class Builder {
        private final List<String> origins = new ArrayList<>();
        private final List<Pattern> originPatterns = new ArrayList<>();
        private final List<String> methods = new ArrayList<>(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"));
        private final List<String> headers = new ArrayList<>();
        private final List<String> exposeHeaders = new ArrayList<>();
        private boolean credentials;
        private Duration maxAge = Duration.ofMinutes(10);

        private Builder() {
        }

        /**
         * Allows origins, such as {@code https://app.example}, or {@code *} for any.
         *
         * @param allowed the origins
         * @return this builder
         */
        public Builder allowOrigins(String... allowed) {
            origins.addAll(List.of(allowed));
            return this;
        }

        /**
         * Allows the origins that a regular expression matches as a whole, such as
         * {@code https://[a-z0-9-]+\.preview\.example} for preview deployments; Starlette's
         * {@code allow_origin_regex}.
         *
         * @param regex the pattern, matched against the whole {@code Origin} header
         * @return this builder
         * @throws java.util.regex.PatternSyntaxException if the pattern is not a valid regex
         */
        public Builder allowOriginRegex(String regex) {
            originPatterns.add(Pattern.compile(regex));
            return this;
        }

        /**
         * Sets the allowed methods (default GET, HEAD, POST, PUT, PATCH, DELETE); {@code *} for any.
         *
         * @param allowed the methods
         * @return this builder
         */
        public Builder allowMethods(String... allowed) {
            methods.clear();
            for (String method : allowed) {
                methods.add(method.toUpperCase(Locale.ROOT));
            }
            return this;
        }

        /**
         * Allows request headers beyond the CORS-safelisted ones; {@code *} for any.
         *
         * @param allowed the header names
         * @return this builder
         */
        public Builder allowHeaders(String... allowed) {
            headers.addAll(List.of(allowed));
            return this;
        }

        /**
         * Lets browsers' scripts read these response headers.
         *
         * @param exposed the header names
         * @return this builder
         */
        public Builder exposeHeaders(String... exposed) {
            exposeHeaders.addAll(List.of(exposed));
            return this;
        }

        /**
         * Allows cookies and authorization headers (default false).
         *
         * @param allowed whether credentials are allowed
         * @return this builder
         */
        public Builder allowCredentials(boolean allowed) {
            this.credentials = allowed;
            return this;
        }

        /**
         * Sets how long browsers may cache a preflight answer (default 10 minutes).
         *
         * @param age the duration
         * @return this builder
         */
        public Builder maxAge(Duration age) {
            this.maxAge = age;
            return this;
        }

        /**
         * Builds the middleware.
         *
         * @return the middleware
         * @throws IllegalStateException if no origin and no origin pattern is allowed
         */
        public Cors build() {
            if (origins.isEmpty() && originPatterns.isEmpty()) {
                throw new IllegalStateException(
                        "Cors allows no origin; call allowOrigins(\"https://...\") (or \"*\") or allowOriginRegex(...)");
            }
            return new Cors(this);
        }
    }
}
