package io.gyre.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SessionSignerTest {
    private static final byte[] KEY = "k".repeat(32).getBytes(StandardCharsets.UTF_8);
    private static final byte[] OLD = "o".repeat(32).getBytes(StandardCharsets.UTF_8);
    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
    private final AtomicReference<Instant> now = new AtomicReference<>(T0);
    private final InstantSource clock = now::get;

    private SessionSigner signer(byte[]... keys) {
        return new SessionSigner("session", List.of(keys), Duration.ofDays(14), clock);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aSignedValueVerifiesWithItsPayloadTimeAndKey() {
        SessionSigner signer = signer(KEY);
        String value = signer.sign(bytes("{\"user\":\"ann\"}"), T0);
        assertThat(value).matches("[A-Za-z0-9_-]+\\.\\d+\\.[A-Za-z0-9_-]{43}");
        assertThat(value.length()).isEqualTo(SessionSigner.signedLength(14, T0));
        SessionSigner.Valid valid = (SessionSigner.Valid) signer.verify(value);
        assertThat(new String(valid.payload(), StandardCharsets.UTF_8)).isEqualTo("{\"user\":\"ann\"}");
        assertThat(valid.issued()).isEqualTo(T0);
        assertThat(valid.currentKey()).isTrue();
    }

    @Test
    void changingAnyCharacterOrDroppingOneIsRefused() {
        SessionSigner signer = signer(KEY);
        String value = signer.sign(bytes("{\"user\":\"ann\",\"admin\":false}"), T0);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            for (char other : new char[] {'A', 'B', '0', '_', '-', '.', '='}) {
                if (other != c) {
                    String tampered = value.substring(0, i) + other + value.substring(i + 1);
                    assertThat(signer.verify(tampered)).as("%s at %d", other, i).isInstanceOf(SessionSigner.Invalid.class);
                }
            }
            String shorter = value.substring(0, i) + value.substring(i + 1);
            assertThat(signer.verify(shorter)).as("without %d", i).isInstanceOf(SessionSigner.Invalid.class);
        }
    }

    @Test
    void theLastSignatureCharacterHasOneSpellingEvenWhereBase64DropsBits() {
        SessionSigner signer = signer(KEY);
        String value = signer.sign(bytes("{}"), T0);
        char last = value.charAt(value.length() - 1);
        // 43 characters carry 258 bits for 32 bytes: the last character's two low bits are spare
        int index = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".indexOf(last);
        char sibling = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".charAt(index ^ 1);
        assertThat(signer.verify(value.substring(0, value.length() - 1) + sibling))
                .isInstanceOf(SessionSigner.Invalid.class);
    }

    @Test
    void aValueSignedForAnotherCookieNameIsRefused() {
        String value = new SessionSigner("other", List.of(KEY), Duration.ofDays(14), clock).sign(bytes("{}"), T0);
        assertThat(signer(KEY).verify(value)).isInstanceOf(SessionSigner.Invalid.class);
    }

    @Test
    void aValueExpiresAfterTheMaxAgeByTheInjectedClock() {
        SessionSigner signer = signer(KEY);
        String value = signer.sign(bytes("{}"), T0);
        now.set(T0.plus(Duration.ofDays(14)));
        assertThat(signer.verify(value)).isInstanceOf(SessionSigner.Valid.class);
        now.set(T0.plus(Duration.ofDays(14)).plusSeconds(1));
        assertThat(signer.verify(value)).isEqualTo(new SessionSigner.Invalid(
                "it expired: signed at 2030-01-01T00:00:00Z, older than the max age PT336H"));
    }

    @Test
    void aValueSignedInTheFutureIsAcceptedOnlyWithinTheClockSkew() {
        SessionSigner signer = signer(KEY);
        assertThat(signer.verify(signer.sign(bytes("{}"), T0.plus(SessionSigner.SKEW))))
                .isInstanceOf(SessionSigner.Valid.class);
        assertThat(signer.verify(signer.sign(bytes("{}"), T0.plus(SessionSigner.SKEW).plusSeconds(1))))
                .isInstanceOf(SessionSigner.Invalid.class);
    }

    @Test
    void aPreviousKeyIsAcceptedAndToldApartAndAnUnlistedKeyIsRefused() {
        String byOld = signer(OLD).sign(bytes("{\"a\":1}"), T0);
        SessionSigner.Valid valid = (SessionSigner.Valid) signer(KEY, OLD).verify(byOld);
        assertThat(valid.currentKey()).isFalse();
        assertThat(new String(valid.payload(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
        assertThat(signer(KEY).verify(byOld)).isEqualTo(new SessionSigner.Invalid(
                "the signature matches none of the keys (tampered, or signed with a key no longer listed)"));
        assertThat(((SessionSigner.Valid) signer(KEY, OLD).verify(signer(KEY, OLD).sign(bytes("{}"), T0))).currentKey())
                .isTrue();
    }

    @Test
    void malformedValuesAreRefusedWithoutAnException() {
        SessionSigner signer = signer(KEY);
        for (String value : List.of("", ".", "..", "a.b", "a.1.", "a..sig", "a.x1." + "A".repeat(43),
                "a.1." + "A".repeat(42), "a.1." + "A".repeat(44), "a.1234567890123." + "A".repeat(43),
                "a b.1." + "A".repeat(43), "é.1." + "A".repeat(43), "null", "\"quoted\"")) {
            assertThat(signer.verify(value)).as(value).isInstanceOf(SessionSigner.Invalid.class);
        }
    }

    @Test
    void aSignedPayloadThatIsNotBase64urlIsRefused() {
        SessionSigner signer = signer(KEY);
        assertThat(signer.verify(signer.signEncoded("A", T0)))
                .isEqualTo(new SessionSigner.Invalid("the payload is not base64url"));
    }

    @Test
    void aSignedPayloadThatIsNotAJsonObjectGivesAnEmptySession() {
        SessionSigner signer = signer(KEY);
        SessionCookie cookie = new SessionCookie("session", Duration.ofDays(14), "/", Optional.empty(), "Lax", false,
                signer);
        ObjectMapper mapper = JsonSupport.defaultMapper();
        for (String payload : List.of("not json", "[1,2]", "\"text\"", "", "{\"a\":")) {
            SessionCookie.Loaded loaded = cookie.load(Optional.of(signer.sign(bytes(payload), T0)), mapper, "GET /");
            assertThat(loaded.values().isEmpty()).as(payload).isTrue();
            assertThat(loaded.issued()).as(payload).isEmpty();
        }
        SessionCookie.Loaded good = cookie.load(Optional.of(signer.sign(bytes("{\"a\":1}"), T0)), mapper, "GET /");
        assertThat(good.values().get("a").asInt()).isEqualTo(1);
        assertThat(good.issued()).contains(T0);
    }

    @Test
    void theStoredLengthIsTheLengthOfTheStoredCookie() {
        SessionSigner signer = signer(KEY);
        SessionCookie cookie = new SessionCookie("sid", Duration.ofDays(3), "/app", Optional.of("example.com"), "Strict",
                true, signer);
        for (int n = 0; n < 10; n++) {
            byte[] json = bytes("{\"k\":\"" + "x".repeat(n) + "\"}");
            assertThat(cookie.store(json, T0)).hasSize(cookie.storedLength(json.length, T0));
        }
        assertThat(cookie.store(bytes("{}"), T0)).endsWith("; Max-Age=259200; Expires=Fri, 04 Jan 2030 00:00:00 GMT;"
                + " Path=/app; Domain=example.com; HttpOnly; Secure; SameSite=Strict");
        assertThat(cookie.delete()).isEqualTo("sid=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/app;"
                + " Domain=example.com; HttpOnly; Secure; SameSite=Strict");
    }
}
