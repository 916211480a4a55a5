package io.gyre.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gyre.web.internal.Bodies;
import io.gyre.web.internal.JsonSupport;
import io.gyre.web.internal.RequestState;
import io.gyre.web.internal.SessionCookie;
import io.gyre.web.internal.SessionData;
import io.gyre.web.internal.SessionSigner;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps each client's {@link Session} in a signed cookie: Starlette's {@code SessionMiddleware}.
 * Routes declare a {@link Session} parameter; providers ask {@code scope.get(Session.class)};
 * other middleware (added after this one) read the request attribute {@link #ATTRIBUTE}.
 *
 * {@snippet :
 * WebApp.builder("Shop", "1.0")
 *     .middleware(Sessions.builder(System.getenv("SESSION_SECRET")).httpsOnly(true).build())
 *     .routes(Login.class)
 * }
 *
 * <p>The cookie holds the session as JSON, base64url, with its signing time and an HMAC-SHA256
 * signature, checked in constant time. A cookie that is tampered, expired, malformed or signed
 * with a key not listed gives an empty session (logged at DEBUG). The cookie is set when:
 * <ul>
 * <li>the request changed the session ({@code put} of a new value, {@code remove}, {@code clear});
 *     an emptied session deletes the cookie;
 * <li>the session is unchanged but its cookie was signed with a {@link Builder#previousKeys
 *     previous key} (it is signed again with the current one), or longer ago than
 *     {@link Builder#refreshAfter refreshAfter} (a sliding expiry: the client keeps the session
 *     while it comes back within the max age).
 * </ul>
 * Otherwise no {@code Set-Cookie} is sent, so a slow request that began before a logout does
 * not put the old session back (Starlette sends the cookie on every response of a non-empty
 * session). A cookie that is ignored is not deleted unless the request changes the session:
 * during a key rollout an instance that does not know a new key yet leaves the cookie alone.
 *
 * <p>Changes are stored whatever the status, also on a 4xx or 5xx answer from the route. A
 * mounted {@link WebApp} runs after this middleware returned, so it needs a {@code Sessions} of
 * its own (the same key and cookie name share the session). WebSocket routes have no session.
 *
 * <p>Thread-safety: immutable; serves any number of requests at once.
 */
public final class Sessions implements Middleware {
    /** The request attribute holding the request's {@link Session}. */
    public static final String ATTRIBUTE = "session";
    private static final int MIN_KEY_BYTES = 32;

    private final SessionCookie cookie;
    private final Duration refreshAfter;

    private Sessions(SessionCookie cookie, Duration refreshAfter) {
        this.cookie = cookie;
        this.refreshAfter = refreshAfter;
    }

    /**
     * Starts building the middleware.
     *
     * @param secretKey the key that signs cookies: at least 32 bytes (as UTF-8) of random data,
     *     from the environment or a secret store, never from source code
     * @return a builder
     * @throws IllegalArgumentException if the key is shorter than 32 bytes
     */
    public static Builder builder(String secretKey) {
        return new Builder(checkedKey(secretKey, "secret key"));
    }

    private static byte[] checkedKey(String key, String what) {
        byte[] bytes = Objects.requireNonNull(key, what).getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("Sessions " + what + " is " + bytes.length + " bytes; it needs at least "
                    + MIN_KEY_BYTES + " bytes of random data, or signatures can be guessed and anyone can forge a"
                    + " session. Generate one with 'openssl rand -base64 32' and read it from the environment or a"
                    + " secret store");
        }
        return bytes;
    }

    @Override
    public WebResponse handle(WebRequest request, Next next) throws Exception {
        ObjectMapper mapper = request instanceof RequestState state ? state.mapper() : JsonSupport.defaultMapper();
        Optional<String> sent = Optional.ofNullable(request.cookies().get(cookie.name()));
        SessionCookie.Loaded loaded = cookie.load(sent, mapper, request.method() + " " + request.path());
        SessionData session = new SessionData(mapper, cookie, loaded.values());
        request.attribute(ATTRIBUTE, session);
        WebResponse response = next.proceed(request);
        Optional<String> setCookie = setCookie(session, loaded, sent.isPresent(),
                response.body() instanceof Bodies.Mounted);
        return setCookie.isEmpty() ? response : response.toBuilder().addHeader("Set-Cookie", setCookie.get()).build();
    }

    private Optional<String> setCookie(SessionData session, SessionCookie.Loaded loaded, boolean sent,
            boolean mounted) {
        Instant now = cookie.now();
        if (session.changed()) {
            if (session.isEmpty()) {
                return sent ? Optional.of(cookie.delete()) : Optional.empty();
            }
            return Optional.of(cookie.store(session.json(), now));
        }
        if (mounted || session.isEmpty() || loaded.issued().isEmpty()) {
            return Optional.empty(); // a mounted app keeps its own session cookie
        }
        boolean stale = Duration.between(loaded.issued().get(), now).compareTo(refreshAfter) >= 0;
        return !loaded.currentKey() || stale ? Optional.of(cookie.store(session.json(), now)) : Optional.empty();
    }

    @Override
    public String toString() {
        return "Sessions[cookie=" + cookie.name() + "]";
    }

    /** Builds {@link Sessions}. Not thread-safe. */
    public static final class Builder {
        private final byte[] key;
        private final List<byte[]> previousKeys = new ArrayList<>();
        private String cookieName = "session";
        private Duration maxAge = Duration.ofDays(14);
        private Duration refreshAfter = Duration.ofHours(1);
        private String path = "/";
        private Optional<String> domain = Optional.empty();
        private String sameSite = "Lax";
        private boolean httpsOnly;
        private InstantSource clock = InstantSource.system();

        private Builder(byte[] key) {
            this.key = key;
        }

        /**
         * Sets the cookie's name. Default {@code session}.
         *
         * @param name the name
         * @return this builder
         * @throws IllegalArgumentException if the name is not a cookie name (a token)
         */
        public Builder cookieName(String name) {
            ResponseCookie.of(name, ""); // checks the name
            this.cookieName = name;
            return this;
        }

        /**
         * Sets how long a session lives after its cookie was last set: the cookie's
         * {@code Max-Age} and {@code Expires}, also checked on the server against the signing
         * time. Default 14 days.
         *
         * @param age the lifetime, at least one second
         * @return this builder
         * @throws IllegalArgumentException if shorter than one second
         */
        public Builder maxAge(Duration age) {
            if (age.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException("Sessions maxAge must be at least 1 second: " + age);
            }
            this.maxAge = age;
            return this;
        }

        /**
         * Sets when an unchanged session's cookie is signed and sent again, to slide its expiry
         * forward. Default one hour; a value of at least {@code maxAge} makes the expiry fixed
         * from the last change.
         *
         * @param age how old a cookie is when it is refreshed
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder refreshAfter(Duration age) {
            if (age.isNegative()) {
                throw new IllegalArgumentException("Sessions refreshAfter < 0: " + age);
            }
            this.refreshAfter = age;
            return this;
        }

        /**
         * Sets the cookie's {@code Path}. Default {@code /}.
         *
         * @param cookiePath the path
         * @return this builder
         * @throws IllegalArgumentException if it does not start with {@code /} or holds a
         *     character a cookie attribute cannot carry
         */
        public Builder path(String cookiePath) {
            if (!cookiePath.startsWith("/") || !attributeText(cookiePath)) {
                throw new IllegalArgumentException("Sessions path must start with '/' and hold no ';', space or"
                        + " control character: '" + cookiePath + "'");
            }
            this.path = cookiePath;
            return this;
        }

        /**
         * Sets the cookie's {@code Domain}, to share it with subdomains. Default none: the host
         * only.
         *
         * @param cookieDomain the domain, such as {@code example.com}
         * @return this builder
         * @throws IllegalArgumentException if empty or holds a character a cookie attribute
         *     cannot carry
         */
        public Builder domain(String cookieDomain) {
            if (cookieDomain.isEmpty() || !attributeText(cookieDomain)) {
                throw new IllegalArgumentException("Sessions domain must be a host name: '" + cookieDomain + "'");
            }
            this.domain = Optional.of(cookieDomain);
            return this;
        }

        /**
         * Sets the cookie's {@code SameSite}. Default {@code Lax}, which sends it with top-level
         * navigations from other sites (an OAuth callback) but not with their sub-requests.
         *
         * @param policy {@code Lax}, {@code Strict} or {@code None} (any case); {@code None}
         *     needs {@link #httpsOnly(boolean) httpsOnly}
         * @return this builder
         * @throws IllegalArgumentException if another value
         */
        public Builder sameSite(String policy) {
            this.sameSite = switch (policy.toLowerCase(Locale.ROOT)) {
                case "lax" -> "Lax";
                case "strict" -> "Strict";
                case "none" -> "None";
                default -> throw new IllegalArgumentException("Sessions sameSite must be Lax, Strict or None: '"
                        + policy + "'");
            };
            return this;
        }

        /**
         * Marks the cookie {@code Secure}: browsers send it over HTTPS only. Default false (for
         * local development over HTTP); turn it on in production.
         *
         * @param enabled whether the cookie is HTTPS only
         * @return this builder
         */
        public Builder httpsOnly(boolean enabled) {
            this.httpsOnly = enabled;
            return this;
        }

        /**
         * Also accepts cookies signed with earlier keys, for key rotation: such a session is
         * read, and signed with the current key when the response is sent. Drop an old key
         * once the max age has passed since it was replaced.
         *
         * @param keys the earlier keys, each at least 32 bytes
         * @return this builder
         * @throws IllegalArgumentException if a key is shorter than 32 bytes
         */
        public Builder previousKeys(String... keys) {
            for (String previous : keys) {
                previousKeys.add(checkedKey(previous, "previous key"));
            }
            return this;
        }

        /**
         * Sets the clock that signs and checks ages. Default the system clock; tests pass one
         * they move.
         *
         * @param source the clock
         * @return this builder
         */
        public Builder clock(InstantSource source) {
            this.clock = Objects.requireNonNull(source, "clock");
            return this;
        }

        /**
         * Builds the middleware.
         *
         * @return the middleware, to add with {@code WebApp.Builder.middleware}
         * @throws IllegalStateException if {@code SameSite=None} is asked without
         *     {@code httpsOnly} (browsers drop such a cookie)
         */
        public Sessions build() {
            if (sameSite.equals("None") && !httpsOnly) {
                throw new IllegalStateException("Sessions sameSite(\"None\") needs httpsOnly(true): browsers drop a"
                        + " SameSite=None cookie that is not Secure. Add .httpsOnly(true), or use Lax");
            }
            List<byte[]> keys = new ArrayList<>();
            keys.add(key);
            keys.addAll(previousKeys);
            SessionSigner signer = new SessionSigner(cookieName, keys, maxAge, clock);
            return new Sessions(new SessionCookie(cookieName, maxAge, path, domain, sameSite, httpsOnly, signer),
                    refreshAfter);
        }

        private static boolean attributeText(String text) {
            return text.chars().allMatch(c -> c > ' ' && c < 127 && c != ';' && c != ',');
        }
    }
}
