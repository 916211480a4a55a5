package io.gyre.server.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PercentDecoderTest {
    @Test
    void textWithoutEscapesIsReturnedAsIs() {
        String raw = "/plain/path";

        assertThat(PercentDecoder.decodePath(raw)).isSameAs(raw);
        assertThat(PercentDecoder.decodeQueryComponent(raw)).isSameAs(raw);
    }

    @Test
    void escapesAreDecodedAsUtf8() {
        assertThat(PercentDecoder.decodePath("/a%20b/caf%C3%A9/%e2%82%AC")).isEqualTo("/a b/caf\u00e9/\u20ac");
    }

    @Test
    void plusIsASpaceInQueriesOnly() {
        assertThat(PercentDecoder.decodePath("/a+b")).isEqualTo("/a+b");
        assertThat(PercentDecoder.decodeQueryComponent("a+b%2Bc")).isEqualTo("a b+c");
    }

    @Test
    void encodedSlashIsDecodedOnlyWhenAsked() {
        assertThat(PercentDecoder.decodePath("a%2Fb")).isEqualTo("a/b");
    }

    @Test
    void malformedEscapesAre400() {
        for (String raw : new String[] {"%", "%2", "%zz", "a%2", "%g0", "%\u00e90"}) {
            assertThatThrownBy(() -> PercentDecoder.decodePath(raw))
                    .isInstanceOfSatisfying(HttpParseException.class, e -> assertThat(e.status()).isEqualTo(400));
        }
    }

    @Test
    void malformedUtf8BecomesReplacementCharacters() {
        assertThat(PercentDecoder.decodePath("%FF")).isEqualTo("\ufffd");
    }
}
