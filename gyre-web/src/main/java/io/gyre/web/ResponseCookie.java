package io.gyre.web;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A cookie to set with a response's {@code Set-Cookie} header.
 *
 * {@snippet :
 * WebResponse.of(200).cookie(ResponseCookie.of("session", id).withMaxAge(Duration.ofHours(1))).text("ok")
 * }
 *
 * @param name the cookie's name
 * @param value the cookie's value
 * @param maxAge how long it lives; empty for a session cookie
 * @param path the path it applies to
 * @param domain the domain it applies to; empty for the host only
 * @param secure whether it is sent over HTTPS only
 * @param httpOnly whether scripts cannot read it
 * @param sameSite {@code Lax}, {@code Strict} or {@code None}
 */
public record ResponseCookie(String name, String value, Optional<Duration> maxAge, String path, Optional<String> domain,
        boolean secure, boolean httpOnly, String sameSite) {
    /**
     * Checks the components.
     *
     * @param name the name
     * @param value the value
     * @param maxAge the lifetime
     * @param path the path
     * @param domain the domain
     * @param secure HTTPS only
     * @param httpOnly hidden from scripts
     * @param sameSite the SameSite policy
     * @throws IllegalArgumentException if the name or value holds characters a cookie cannot carry
     */
    public ResponseCookie {
        Objects.requireNonNull(maxAge, "maxAge");
        Objects.requireNonNull(domain, "domain");
        if (name.isEmpty() || name.chars().anyMatch(c -> c <= ' ' || c >= 127 || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0)) {
            throw new IllegalArgumentException("cookie name '" + name + "' is not a token");
        }
        if (value.chars().anyMatch(c -> c < 0x21 || c == '"' || c == ',' || c == ';' || c == '\\' || c >= 127)) {
            throw new IllegalArgumentException("cookie '" + name + "' value has a character cookies cannot carry"
                    + " (space, quote, comma, semicolon, backslash or non-ASCII); encode it, for example as base64url");
        }
    }

    /**
     * Returns a session cookie for path {@code /}, HttpOnly, SameSite Lax.
     *
     * @param name the name
     * @param value the value
     * @return the cookie
     */
    public static ResponseCookie of(String name, String value) {
        return new ResponseCookie(name, value, Optional.empty(), "/", Optional.empty(), false, true, "Lax");
    }

    /**
     * Returns a cookie that deletes the named cookie on the client.
     *
     * @param name the name
     * @return the expiring cookie
     */
    public static ResponseCookie delete(String name) {
        return of(name, "").withMaxAge(Duration.ZERO);
    }

    /**
     * Returns a copy with a lifetime.
     *
     * @param age the lifetime
     * @return the copy
     */
    public ResponseCookie withMaxAge(Duration age) {
        return new ResponseCookie(name, value, Optional.of(age), path, domain, secure, httpOnly, sameSite);
    }

    /**
     * Returns a copy that is sent over HTTPS only.
     *
     * @return the copy
     */
    public ResponseCookie withSecure() {
        return new ResponseCookie(name, value, maxAge, path, domain, true, httpOnly, sameSite);
    }

    /**
     * Returns a copy with a path.
     *
     * @param newPath the path
     * @return the copy
     */
    public ResponseCookie withPath(String newPath) {
        return new ResponseCookie(name, value, maxAge, newPath, domain, secure, httpOnly, sameSite);
    }

    /**
     * Returns the {@code Set-Cookie} header value.
     *
     * @return the header value
     */
    public String headerValue() {
        StringBuilder out = new StringBuilder(name).append('=').append(value);
        maxAge.ifPresent(age -> out.append("; Max-Age=").append(age.toSeconds()));
        out.append("; Path=").append(path);
        domain.ifPresent(d -> out.append("; Domain=").append(d));
        if (secure) {
            out.append("; Secure");
        }
        if (httpOnly) {
            out.append("; HttpOnly");
        }
        return out.append("; SameSite=").append(sameSite).toString();
    }
}
