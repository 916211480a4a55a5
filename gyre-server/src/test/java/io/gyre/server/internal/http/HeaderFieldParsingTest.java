package io.gyre.server.internal.http;

import static io.gyre.server.internal.http.Wire.head;
import static io.gyre.server.internal.http.Wire.parse;
import static io.gyre.server.internal.http.Wire.rejects;
import static org.assertj.core.api.Assertions.assertThat;

import io.gyre.server.Headers;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeaderFieldParsingTest {
    @Test
    void fieldsKeepOrderAndSpellingAndAreFoundIgnoringCase() {
        Headers headers = parse(head("GET / HTTP/1.1", "Host: a", "X-Custom-Thing: one", "accept: */*",
                "x-custom-thing: two")).headers();

        assertThat(headers.size()).isEqualTo(4);
        assertThat(headers.name(1)).isEqualTo("X-Custom-Thing");
        assertThat(headers.name(2)).isEqualTo("accept");
        assertThat(headers.name(3)).isEqualTo("x-custom-thing");
        assertThat(headers.first("ACCEPT")).contains("*/*");
        assertThat(headers.all("X-CUSTOM-THING")).containsExactly("one", "two");
    }

    @Test
    void commonNamesInCanonicalOrLowerCaseAreSharedInstances() {
        Headers headers = parse(head("GET / HTTP/1.1", "Host: a", "user-agent: curl", "Accept-Encoding: gzip")).headers();

        assertThat(headers.name(0)).isSameAs("Host");
        assertThat(headers.name(1)).isSameAs("user-agent");
        assertThat(headers.name(2)).isSameAs("Accept-Encoding");
    }

    @Test
    void commonNamesInUnusualCaseKeepTheirSpelling() {
        Headers headers = parse(head("GET / HTTP/1.1", "HOST: a", "uSeR-aGeNt: x")).headers();

        assertThat(headers.name(0)).isEqualTo("HOST");
        assertThat(headers.name(1)).isEqualTo("uSeR-aGeNt");
    }

    @Test
    void valuesAreTrimmedOfSpacesAndTabsButKeepInnerWhitespace() {
        Headers headers = parse(head("GET / HTTP/1.1", "Host:a", "X-A: \t one  two \t ", "X-B:", "X-C:   ")).headers();

        assertThat(headers.first("Host")).contains("a");
        assertThat(headers.first("X-A")).contains("one  two");
        assertThat(headers.first("X-B")).contains("");
        assertThat(headers.first("X-C")).contains("");
    }

    @Test
    void obsTextInValuesIsKeptAsLatin1() {
        Headers headers = parse(head("GET / HTTP/1.1", "Host: a", "X-Name: caf\u00e9")).headers();

        assertThat(headers.first("X-Name")).contains("caf\u00e9");
    }

    @Test
    void whitespaceBetweenNameAndColonIs400() {
        rejects(head("GET / HTTP/1.1", "Host : a"), 400);
        rejects(head("GET / HTTP/1.1", "Host: a", "Content-Length\t: 0"), 400);
    }

    @Test
    void obsoleteLineFoldingIs400() {
        rejects(head("GET / HTTP/1.1", "Host: a", "X-A: one", " two"), 400);
        rejects(head("GET / HTTP/1.1", "Host: a", "X-A: one", "\ttwo"), 400);
    }

    @Test
    void whitespaceBeforeTheFirstFieldIs400() {
        rejects(head("GET / HTTP/1.1", " Host: a"), 400);
    }

    @Test
    void invalidNamesAre400() {
        rejects(head("GET / HTTP/1.1", "Host: a", ": empty"), 400);
        rejects(head("GET / HTTP/1.1", "Host: a", "X(A): b"), 400);
        rejects(head("GET / HTTP/1.1", "Host: a", "X\u00e9: b"), 400);
        rejects(head("GET / HTTP/1.1", "Host: a", "X\u0000A: b"), 400);
        rejects(head("GET / HTTP/1.1", "Host: a", "NoColon"), 400);
    }

    @Test
    void controlCharactersInValuesAre400() {
        rejects(head("GET / HTTP/1.1", "Host: a", "X-A: a\u0000b"), 400);
        rejects(head("GET / HTTP/1.1", "Host: a", "X-A: a\u0001b"), 400);
        rejects(head("GET / HTTP/1.1", "Host: a", "X-A: a\u007fb"), 400);
        rejects(head("GET / HTTP/1.1", "Host: a", "X-A: a\u000bb"), 400);
    }

    @Test
    void bareCrInAFieldIs400() {
        rejects("GET / HTTP/1.1\r\nHost: a\r\nX-A: a\rb\r\n\r\n", 400);
        rejects("GET / HTTP/1.1\r\nHost: a\r\nX-A: a\r\r\n\r\n", 400);
        rejects("GET / HTTP/1.1\r\nHost: a\r\n\r\r\n", 400);
    }

    @Test
    void fieldLinesEndingInLfOnlyAre400() {
        rejects("GET / HTTP/1.1\r\nHost: a\nX-A: b\r\n\r\n", 400);
        rejects("GET / HTTP/1.1\r\nHost: a\r\n\n", 400);
    }

    @Test
    void missingHostInHttp11Is400AndOptionalInHttp10() {
        rejects(head("GET / HTTP/1.1", "Accept: */*"), 400);

        assertThat(parse(head("GET / HTTP/1.0", "Accept: */*")).headers().contains("Host")).isFalse();
    }

    @Test
    void repeatedHostIs400() {
        rejects(head("GET / HTTP/1.1", "Host: a", "Host: a"), 400);
        rejects(head("GET / HTTP/1.1", "Host: a", "host: b"), 400);
    }

    @Test
    void invalidHostIs400() {
        rejects(head("GET / HTTP/1.1", "Host: a b"), 400);
        rejects(head("GET / HTTP/1.1", "Host: a/b"), 400);
        rejects(head("GET / HTTP/1.1", "Host: a, b"), 400);
        rejects(head("GET / HTTP/1.1", "Host: user@a"), 400);
    }

    @Test
    void emptyHostAndHostWithPortAndIpv6LiteralAreAccepted() {
        assertThat(parse(head("GET / HTTP/1.1", "Host:")).headers().first("Host")).contains("");
        assertThat(parse(head("GET / HTTP/1.1", "Host: example.com:8080")).headers().first("host"))
                .contains("example.com:8080");
        assertThat(parse(head("GET / HTTP/1.1", "Host: [::1]:8080")).headers().first("host")).contains("[::1]:8080");
    }

    @Test
    void fieldCountAtTheLimitIsAcceptedAndOneMoreIs431() {
        HttpLimits limits = HttpLimits.DEFAULTS.withMaxHeaderCount(10);
        List<String> lines = new ArrayList<>(List.of("GET / HTTP/1.1", "Host: a"));
        for (int i = 1; i < 10; i++) {
            lines.add("X-" + i + ": v");
        }

        assertThat(parse(head(lines.toArray(String[]::new)), limits).headers().size()).isEqualTo(10);
        lines.add("X-10: v");
        rejects(head(lines.toArray(String[]::new)), limits, 431);
    }

    @Test
    void headAtTheSizeLimitIsAcceptedAndOneByteMoreIs431() {
        HttpLimits limits = HttpLimits.DEFAULTS.withMaxHeaderBytes(256);
        String start = "GET / HTTP/1.1\r\nHost: a\r\nX-Fill: ";
        String atLimit = start + "v".repeat(256 - start.length() - 4) + "\r\n\r\n";
        assertThat(atLimit).hasSize(256);

        assertThat(parse(atLimit, limits).headers().size()).isEqualTo(2);
        rejects(start + "v".repeat(256 - start.length() - 3) + "\r\n\r\n", limits, 431);
    }

    @Test
    void blankLinesBeforeTheRequestCountTowardsTheHeadLimit() {
        HttpLimits limits = HttpLimits.DEFAULTS.withMaxHeaderBytes(64);

        rejects("\r\n".repeat(40) + head("GET / HTTP/1.1", "Host: a"), limits, 431);
    }

    @Test
    void oversizedHeadIs431BeforeItsEndArrives() {
        HttpLimits limits = HttpLimits.DEFAULTS.withMaxHeaderBytes(256);
        RequestHeadParser parser = new RequestHeadParser(limits);

        assertThat(parser.parse(ByteBuffer.wrap(Wire.bytes("GET / HTTP/1.1\r\nHost: a\r\n")))).isNull();
        assertThat(Wire.rejectsDirectly(parser, ByteBuffer.wrap(Wire.bytes("X-Big: " + "v".repeat(300)))))
                .isEqualTo(431);
    }

    @Test
    void manySmallFieldsUnderTheDefaultLimitsAreAccepted() {
        List<String> lines = new ArrayList<>(List.of("GET / HTTP/1.1", "Host: a"));
        for (int i = 1; i < 100; i++) {
            lines.add("X-Field-" + i + ": value-" + i);
        }

        Headers headers = parse(head(lines.toArray(String[]::new))).headers();

        assertThat(headers.size()).isEqualTo(100);
        assertThat(headers.first("x-field-99")).contains("value-99");
    }
}
