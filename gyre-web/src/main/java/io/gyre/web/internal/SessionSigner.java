package io.gyre.web.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and verifies session cookie values: {@code payload.issued.signature}, where
 * {@code payload} is base64url (no padding) of the bytes, {@code issued} the signing time in
 * epoch seconds (decimal), and {@code signature} base64url of HMAC-SHA256 over the cookie name,
 * the payload and the time. The cookie name is signed too, so a value cannot be moved to
 * another cookie signed with the same secret.
 *
 * <p>Each secret is not used as it is: the HMAC key is HMAC-SHA256(secret, a fixed label),
 * so the same secret used elsewhere in the app (CSRF tokens, say) never signs a session.
 *
 * <p>Thread-safety: immutable; a {@link Mac} is made for each operation.
 */
public final class SessionSigner {
    private static final String ALGORITHM = "HmacSHA256";
    private static final byte[] LABEL = "io.gyre.web.Sessions signing key".getBytes(StandardCharsets.US_ASCII);
    private static final int SIGNATURE_CHARS = 43; // 32 bytes in base64url without padding
    /** How far in the future a signing time may be: clock skew between instances. */
    static final Duration SKEW = Duration.ofSeconds(60);

    private final String cookieName;
    private final List<SecretKeySpec> keys; // the current key first, then previous ones
    private final Duration maxAge;
    private final InstantSource clock;

    /** What verifying a cookie value found. */
    public sealed interface Result {
    }

    /**
     * A value this app signed, within its age.
     *
     * @param payload the signed bytes
     * @param issued when it was signed
     * @param currentKey whether the current key signed it (else a previous one)
     */
    public record Valid(byte[] payload, Instant issued, boolean currentKey) implements Result {
    }

    /**
     * A value to ignore, and why (for a DEBUG log line; never the value itself).
     *
     * @param reason why
     */
    public record Invalid(String reason) implements Result {
    }

    /** With the secrets as bytes, the current one first. */
    public SessionSigner(String cookieName, List<byte[]> secrets, Duration maxAge, InstantSource clock) {
        this.cookieName = cookieName;
        List<SecretKeySpec> derived = new ArrayList<>();
        for (byte[] secret : secrets) {
            derived.add(new SecretKeySpec(mac(new SecretKeySpec(secret, ALGORITHM), LABEL), ALGORITHM));
        }
        this.keys = List.copyOf(derived);
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /** The current time, from the clock the signer was given. */
    public Instant now() {
        return clock.instant();
    }

    /** Signs {@code payload} with the current key at {@code now}. */
    public String sign(byte[] payload, Instant now) {
        return signEncoded(Base64.getUrlEncoder().withoutPadding().encodeToString(payload), now);
    }

    /** Signs an already encoded payload (tests sign payloads that are not base64url with it). */
    String signEncoded(String payload, Instant now) {
        String body = payload + "." + now.getEpochSecond();
        return body + "." + signature(keys.getFirst(), body);
    }

    private String signature(SecretKeySpec key, String body) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac(key, signed(body)));
    }

    /** The length of {@link #sign} of a payload of {@code payloadBytes} bytes at {@code now}. */
    public static int signedLength(int payloadBytes, Instant now) {
        return (payloadBytes * 4 + 2) / 3 + 1 + Long.toString(now.getEpochSecond()).length() + 1 + SIGNATURE_CHARS;
    }

    /** Verifies a cookie value: its form, its signature by one of the keys, its age. */
    public Result verify(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_'
                    || c == '.')) {
                return new Invalid("it holds a character outside base64url and '.'");
            }
        }
        int second = value.lastIndexOf('.');
        int first = second < 0 ? -1 : value.lastIndexOf('.', second - 1);
        if (first < 0) {
            return new Invalid("not of the form payload.time.signature");
        }
        String body = value.substring(0, second);
        String time = value.substring(first + 1, second);
        String signature = value.substring(second + 1);
        if (signature.length() != SIGNATURE_CHARS || time.isEmpty() || time.length() > 12
                || !time.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return new Invalid("not of the form payload.time.signature");
        }
        // compared as text: two texts whose last character differs only in bits base64 drops
        // would decode to the same bytes, and a signature has one spelling
        byte[] given = signature.getBytes(StandardCharsets.US_ASCII);
        int match = -1;
        for (int i = 0; i < keys.size(); i++) {
            // every key is tried, so the time taken does not tell which one matched
            byte[] expected = signature(keys.get(i), body).getBytes(StandardCharsets.US_ASCII);
            if (MessageDigest.isEqual(expected, given) && match < 0) {
                match = i;
            }
        }
        if (match < 0) {
            return new Invalid("the signature matches none of the keys (tampered, or signed with a key no longer"
                    + " listed)");
        }
        Instant issued = Instant.ofEpochSecond(Long.parseLong(time));
        Instant now = clock.instant();
        if (issued.isAfter(now.plus(SKEW))) {
            return new Invalid("it was signed in the future (" + issued + ", now " + now + ")");
        }
        if (Duration.between(issued, now).compareTo(maxAge) > 0) {
            return new Invalid("it expired: signed at " + issued + ", older than the max age " + maxAge);
        }
        byte[] payload;
        try {
            payload = Base64.getUrlDecoder().decode(value.substring(0, first));
        } catch (IllegalArgumentException e) {
            return new Invalid("the payload is not base64url");
        }
        return new Valid(payload, issued, match == 0);
    }

    private byte[] signed(String body) {
        return (cookieName + "=" + body).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] mac(SecretKeySpec key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("internal error: HmacSHA256 is not available (" + e + ") (please report)", e);
        }
    }
}
