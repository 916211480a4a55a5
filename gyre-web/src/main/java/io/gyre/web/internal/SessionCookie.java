package io.gyre.web.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session cookie: reads a request's cookie into session values, and writes the
 * {@code Set-Cookie} line that stores or deletes them.
 *
 * <p>Thread-safety: immutable.
 */
public final class SessionCookie {
    /** The largest cookie (name, value and attributes) every browser keeps (RFC 6265, 6.1). */
    public static final int LIMIT = 4096;
    private static final Logger LOG = LoggerFactory.getLogger("io.gyre.web");
    private static final DateTimeFormatter EXPIRES =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private final String name;
    private final Duration maxAge;
    private final String fixedAttributes; // after Expires: path, domain, flags
    private final SessionSigner signer;

    /** A cookie with its attributes; {@code sameSite} is Lax, Strict or None. */
    public SessionCookie(String name, Duration maxAge, String path, Optional<String> domain, String sameSite,
            boolean secure, SessionSigner signer) {
        this.name = name;
        this.maxAge = maxAge;
        this.signer = signer;
        StringBuilder attributes = new StringBuilder("; Path=").append(path);
        domain.ifPresent(d -> attributes.append("; Domain=").append(d));
        attributes.append("; HttpOnly");
        if (secure) {
            attributes.append("; Secure");
        }
        this.fixedAttributes = attributes.append("; SameSite=").append(sameSite).toString();
    }

    /** The cookie's name. */
    public String name() {
        return name;
    }

    /** The signer's current time. */
    public Instant now() {
        return signer.now();
    }

    /**
     * What a request's cookie held.
     *
     * @param values the session values; empty for no cookie or one that was ignored
     * @param issued when it was signed; empty unless it was valid
     * @param currentKey false if a previous key signed it (so it is to be signed again)
     */
    public record Loaded(ObjectNode values, Optional<Instant> issued, boolean currentKey) {
    }

    /**
     * Reads the session a request's cookie holds. A cookie that is tampered, expired,
     * malformed or signed with an unknown key gives an empty session, logged at DEBUG with
     * {@code what} (the request) and why; never its value.
     */
    public Loaded load(Optional<String> cookie, ObjectMapper mapper, String what) {
        if (cookie.isEmpty()) {
            return new Loaded(mapper.createObjectNode(), Optional.empty(), true);
        }
        String reason;
        switch (signer.verify(cookie.get())) {
            case SessionSigner.Valid valid -> {
                try {
                    if (mapper.readTree(valid.payload()) instanceof ObjectNode values) {
                        return new Loaded(values, Optional.of(valid.issued()), valid.currentKey());
                    }
                    reason = "its payload is not a JSON object";
                } catch (IOException e) {
                    reason = "its payload is not JSON";
                }
            }
            case SessionSigner.Invalid invalid -> reason = invalid.reason();
        }
        LOG.debug("Ignored the session cookie '{}' of {}: {}; the request has an empty session", name, what, reason);
        return new Loaded(mapper.createObjectNode(), Optional.empty(), true);
    }

    /** The {@code Set-Cookie} value that stores {@code json}, signed at {@code now}. */
    public String store(byte[] json, Instant now) {
        return name + "=" + signer.sign(json, now) + "; Max-Age=" + maxAge.toSeconds() + "; Expires="
                + EXPIRES.format(now.plus(maxAge)) + fixedAttributes;
    }

    /** The length of {@link #store} for JSON of {@code jsonBytes} bytes. */
    public int storedLength(int jsonBytes, Instant now) {
        return name.length() + 1 + SessionSigner.signedLength(jsonBytes, now) + "; Max-Age=".length()
                + Long.toString(maxAge.toSeconds()).length() + "; Expires=".length()
                + EXPIRES.format(now.plus(maxAge)).length() + fixedAttributes.length();
    }

    /** The {@code Set-Cookie} value that deletes the cookie. */
    public String delete() {
        return name + "=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT" + fixedAttributes;
    }

    /** Serializes session values compactly, whatever the app's mapper indents. */
    static byte[] json(ObjectMapper mapper, JsonNode values) {
        try {
            return mapper.writer().without(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsBytes(values);
        } catch (IOException e) {
            throw new IllegalStateException("internal error: a JSON tree cannot be written: " + e + " (please report)", e);
        }
    }
}
