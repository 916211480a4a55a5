package io.gyre.web;

import io.gyre.server.Headers;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Security dependencies: providers that read credentials from the request and answer 401 with
 * {@code WWW-Authenticate} when they are missing. Register one, then ask for its type in a
 * handler or in another provider (the one that looks the user up).
 *
 * {@snippet :
 * WebApp.builder("Shop", "1.0")
 *     .dependency(BearerToken.class, Security.bearer())
 *     .dependency(User.class, scope -> users.byToken(scope.get(BearerToken.class).token())
 *             .orElseThrow(() -> new HttpException(401, "Invalid token", Headers.of("WWW-Authenticate", "Bearer"))))
 * }
 */
public final class Security {
    private Security() {
    }

    /**
     * A bearer token from {@code Authorization: Bearer <token>}.
     *
     * @param token the token
     */
    public record BearerToken(String token) {
    }

    /**
     * An API key.
     *
     * @param value the key
     */
    public record ApiKey(String value) {
    }

    /**
     * HTTP Basic credentials.
     *
     * @param username the user name
     * @param password the password
     */
    public record BasicCredentials(String username, String password) {
        /**
         * Hides the password from logs.
         *
         * @return the user name and a masked password
         */
        @Override
        public String toString() {
            return "BasicCredentials[username=" + username + ", password=***]";
        }
    }

    /** A provider that also describes its scheme for documentation. */
    record SecurityProvider<T>(SecurityScheme scheme, Provider<T> reader) implements Provider<T> {
        @Override
        public T provide(RequestScope scope) throws Exception {
            return reader.provide(scope);
        }
    }

    /**
     * Reads {@code Authorization: Bearer <token>}; answers 401 with {@code WWW-Authenticate: Bearer}
     * when it is missing or another scheme.
     *
     * @return the provider, to register for {@link BearerToken}
     */
    public static Provider<BearerToken> bearer() {
        return new SecurityProvider<>(new SecurityScheme("bearerAuth", "http", "bearer", "", ""), scope -> {
            Optional<String> header = scope.request().header("Authorization");
            if (header.isPresent() && header.get().regionMatches(true, 0, "Bearer ", 0, 7)) {
                String token = header.get().substring(7).strip();
                if (!token.isEmpty()) {
                    return new BearerToken(token);
                }
            }
            throw new HttpException(401, "Not authenticated", Headers.of("WWW-Authenticate", "Bearer"));
        });
    }

    /**
     * Reads an API key from a header; answers 401 when it is missing.
     *
     * @param name the header's name, such as {@code X-API-Key}
     * @return the provider, to register for {@link ApiKey}
     */
    public static Provider<ApiKey> apiKeyHeader(String name) {
        return apiKey("header", name, scope -> scope.request().header(name));
    }

    /**
     * Reads an API key from a query parameter; answers 401 when it is missing.
     *
     * @param name the query parameter's name, such as {@code api_key}
     * @return the provider, to register for {@link ApiKey}
     */
    public static Provider<ApiKey> apiKeyQuery(String name) {
        return apiKey("query", name, scope -> scope.request().query(name));
    }

    /**
     * Reads an API key from a cookie; answers 401 when it is missing.
     *
     * @param name the cookie's name
     * @return the provider, to register for {@link ApiKey}
     */
    public static Provider<ApiKey> apiKeyCookie(String name) {
        return apiKey("cookie", name, scope -> Optional.ofNullable(scope.request().cookies().get(name)));
    }

    private interface Lookup {
        Optional<String> find(RequestScope scope);
    }

    private static Provider<ApiKey> apiKey(String in, String name, Lookup lookup) {
        return new SecurityProvider<>(new SecurityScheme("apiKey_" + in + "_" + name, "apiKey", "", in, name), scope -> {
            Optional<String> value = lookup.find(scope).filter(v -> !v.isBlank());
            if (value.isEmpty()) {
                throw new HttpException(401, "Not authenticated", Headers.of("WWW-Authenticate", "APIKey"));
            }
            return new ApiKey(value.get());
        });
    }

    /**
     * Reads HTTP Basic credentials; answers 401 with {@code WWW-Authenticate: Basic realm="..."}
     * when they are missing ({@code "Not authenticated"}) or malformed: not base64, or without a
     * colon ({@code "Invalid authentication credentials"}, as FastAPI's {@code HTTPBasic}).
     * Checking them is the caller's job: compare with {@link java.security.MessageDigest#isEqual}
     * to avoid timing leaks.
     *
     * @param realm the realm shown by browsers
     * @return the provider, to register for {@link BasicCredentials}
     */
    public static Provider<BasicCredentials> basic(String realm) {
        Headers challenge = Headers.of("WWW-Authenticate", "Basic realm=\"" + realm.replace("\"", "'") + "\"");
        return new SecurityProvider<>(new SecurityScheme("basicAuth", "http", "basic", "", ""), scope -> {
            Optional<String> header = scope.request().header("Authorization");
            String encoded = header.isPresent() && header.get().regionMatches(true, 0, "Basic ", 0, 6)
                    ? header.get().substring(6).strip() : "";
            if (encoded.isEmpty()) {
                throw new HttpException(401, "Not authenticated", challenge);
            }
            try {
                String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                if (colon >= 0) {
                    return new BasicCredentials(decoded.substring(0, colon), decoded.substring(colon + 1));
                }
            } catch (IllegalArgumentException e) {
                // not base64: as malformed as a text without a colon
            }
            throw new HttpException(401, "Invalid authentication credentials", challenge);
        });
    }
}
