package io.gyre.server.internal.http;

import static io.gyre.server.internal.http.Wire.head;
import static io.gyre.server.internal.http.Wire.parse;
import static io.gyre.server.internal.http.Wire.rejects;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class RequestLineParsingTest {
    @Test
    void parsesOriginFormIntoPathAndRawQuery() {
        RequestHead head = parse(head("GET /a/b%20c?x=1&y=%2F HTTP/1.1", "Host: example.com"));

        assertThat(head.method()).isEqualTo("GET");
        assertThat(head.target()).isEqualTo("/a/b%20c?x=1&y=%2F");
        assertThat(head.path()).isEqualTo("/a/b%20c");
        assertThat(head.rawQuery()).isEqualTo("x=1&y=%2F");
        assertThat(head.version()).isEqualTo(HttpVersion.HTTP_1_1);
        assertThat(head.toString()).isEqualTo("GET /a/b%20c?x=1&y=%2F HTTP/1.1");
    }

    @Test
    void targetWithoutQueryHasEmptyRawQueryAndSharesThePathString() {
        RequestHead head = parse(head("GET /plaintext HTTP/1.1", "Host: a"));

        assertThat(head.rawQuery()).isEmpty();
        assertThat(head.path()).isSameAs(head.target());
    }

    @Test
    void emptyQueryAfterQuestionMarkIsEmpty() {
        RequestHead head = parse(head("GET /p? HTTP/1.1", "Host: a"));

        assertThat(head.path()).isEqualTo("/p");
        assertThat(head.rawQuery()).isEmpty();
    }

    @Test
    void commonMethodsAreSharedInstances() {
        for (String method : new String[] {"GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH", "TRACE"}) {
            RequestHead head = parse(head(method + " / HTTP/1.1", "Host: a"));
            assertThat(head.method()).as(method).isSameAs(method);
        }
    }

    @Test
    void extensionMethodsAreAccepted() {
        assertThat(parse(head("PROPFIND /dav HTTP/1.1", "Host: a")).method()).isEqualTo("PROPFIND");
    }

    @Test
    void methodsAreCaseSensitiveAndLowerCaseIsNotInterned() {
        RequestHead head = parse(head("get / HTTP/1.1", "Host: a"));

        assertThat(head.method()).isEqualTo("get");
    }

    @Test
    void absoluteFormYieldsThePathAfterTheAuthority() {
        RequestHead head = parse(head("GET http://example.com:8080/x/y?q=1 HTTP/1.1", "Host: example.com:8080"));

        assertThat(head.target()).isEqualTo("http://example.com:8080/x/y?q=1");
        assertThat(head.path()).isEqualTo("/x/y");
        assertThat(head.rawQuery()).isEqualTo("q=1");
    }

    @Test
    void absoluteFormWithoutPathHasRootPath() {
        assertThat(parse(head("GET http://example.com HTTP/1.1", "Host: example.com")).path()).isEqualTo("/");
        RequestHead withQuery = parse(head("GET https://example.com?a=b HTTP/1.1", "Host: example.com"));
        assertThat(withQuery.path()).isEqualTo("/");
        assertThat(withQuery.rawQuery()).isEqualTo("a=b");
    }

    @Test
    void asteriskFormIsAcceptedForOptionsOnly() {
        assertThat(parse(head("OPTIONS * HTTP/1.1", "Host: a")).path()).isEqualTo("*");
        rejects(head("GET * HTTP/1.1", "Host: a"), 400);
    }

    @Test
    void connectIsRefusedAsNotImplementedBecauseTheServerOpensNoTunnels() {
        String reason = rejects(head("CONNECT example.com:443 HTTP/1.1", "Host: example.com:443"), 501);

        assertThat(reason).contains("CONNECT");
    }

    @Test
    void absoluteFormAuthorityReplacesADifferentHostField() {
        RequestHead head = parse(head("GET http://other.example:8080/p HTTP/1.1", "Host: a", "Accept: */*"));

        assertThat(head.headers().all("Host")).containsExactly("other.example:8080");
        assertThat(head.headers().first("Accept")).contains("*/*");
        assertThat(head.path()).isEqualTo("/p");
    }

    @Test
    void absoluteFormAuthorityWithUserInfoOrEmptyIsRefused() {
        rejects(head("GET http://user@example.com/p HTTP/1.1", "Host: example.com"), 400);
        rejects(head("GET http:///p HTTP/1.1", "Host: example.com"), 400);
        rejects(head("GET http://a,b/p HTTP/1.1", "Host: example.com"), 400);
        rejects(head("GET http://a\\b/p HTTP/1.1", "Host: example.com"), 400);
    }

    @Test
    void http10IsParsed() {
        RequestHead head = parse(head("GET / HTTP/1.0"));

        assertThat(head.version()).isEqualTo(HttpVersion.HTTP_1_0);
    }

    @Test
    void higherMinorVersionOfHttp1IsServedAsHttp11() {
        assertThat(parse(head("GET / HTTP/1.7", "Host: a")).version()).isEqualTo(HttpVersion.HTTP_1_1);
    }

    @Test
    void unsupportedVersionsAre505() {
        rejects(head("GET / HTTP/2.0", "Host: a"), 505);
        rejects(head("GET / HTTP/3.0", "Host: a"), 505);
        rejects(head("GET / HTTP/0.9"), 505);
    }

    @Test
    void http2PrefaceIs505() {
        rejects("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 505);
    }

    @Test
    void malformedVersionsAre400() {
        rejects("GET /\r\n\r\n", 400); // HTTP/0.9 simple request
        rejects(head("GET / http/1.1", "Host: a"), 400);
        rejects(head("GET / HTTP/1.1 ", "Host: a"), 400);
        rejects(head("GET / HTTP/11", "Host: a"), 400);
        rejects(head("GET / HTTP/1.10", "Host: a"), 400);
        rejects(head("GET / HTTPS/1.1", "Host: a"), 400);
    }

    @Test
    void malformedRequestLinesAre400() {
        rejects(head("GET  / HTTP/1.1", "Host: a"), 400); // two spaces
        rejects(head(" GET / HTTP/1.1", "Host: a"), 400);
        rejects(head("GET\t/ HTTP/1.1", "Host: a"), 400);
        rejects(head("GET /\tx HTTP/1.1", "Host: a"), 400);
        rejects(head("GET /a b HTTP/1.1", "Host: a"), 400);
        rejects(head("G(T / HTTP/1.1", "Host: a"), 400);
        rejects(head("GET / HTTP/1.1\u0000", "Host: a"), 400);
        rejects(head("GET", "Host: a"), 400);
        rejects(head("GET /", "Host: a"), 400);
    }

    @Test
    void controlAndNonAsciiBytesInTheTargetAre400() {
        rejects(head("GET /a\u0001b HTTP/1.1", "Host: a"), 400);
        rejects(head("GET /a\u007fb HTTP/1.1", "Host: a"), 400);
        rejects(head("GET /caf\u00e9 HTTP/1.1", "Host: a"), 400);
    }

    @Test
    void fragmentInTheTargetIs400() {
        rejects(head("GET /a#frag HTTP/1.1", "Host: a"), 400);
    }

    @Test
    void targetThatIsNeitherPathNorAbsoluteUriIs400() {
        rejects(head("GET example.com HTTP/1.1", "Host: a"), 400);
        rejects(head("GET ://x HTTP/1.1", "Host: a"), 400);
    }

    @Test
    void bareCrInTheRequestLineIs400() {
        rejects("GET / HTTP/1.1\rHost: a\r\n\r\n", 400);
        rejects("GET /\r HTTP/1.1\r\nHost: a\r\n\r\n", 400);
    }

    @Test
    void requestLineEndingInLfOnlyIs400() {
        rejects("GET / HTTP/1.1\nHost: a\r\n\r\n", 400);
    }

    @Test
    void blankLinesBeforeTheRequestLineAreSkipped() {
        RequestHead head = parse("\r\n\r\n" + head("GET / HTTP/1.1", "Host: a"));

        assertThat(head.method()).isEqualTo("GET");
    }

    @Test
    void lfOnlyBlankLineBeforeTheRequestLineIs400() {
        rejects("\n" + head("GET / HTTP/1.1", "Host: a"), 400);
    }

    @Test
    void requestLineAtTheLimitIsAcceptedAndOneByteMoreIs414() {
        HttpLimits limits = HttpLimits.DEFAULTS.withMaxRequestLineBytes(64);
        String prefix = "GET /";
        String suffix = " HTTP/1.1";
        String atLimit = "GET /" + "a".repeat(64 - prefix.length() - suffix.length()) + suffix;
        assertThat(atLimit).hasSize(64);

        assertThat(parse(head(atLimit, "Host: a"), limits).target()).hasSize(64 - prefix.length() - suffix.length() + 1);
        rejects(head("GET /a" + atLimit.substring(5), "Host: a"), limits, 414);
    }

    @Test
    void overlongRequestLineIs414BeforeItsEndArrives() {
        HttpLimits limits = HttpLimits.DEFAULTS.withMaxRequestLineBytes(64);
        RequestHeadParser parser = new RequestHeadParser(limits);
        ByteBuffer in = ByteBuffer.wrap(Wire.bytes("GET /" + "a".repeat(100)));

        assertThat(Wire.rejectsDirectly(parser, in)).isEqualTo(414);
    }

    @Test
    void longRequestLineUnderTheDefaultLimitIsAccepted() {
        String path = "/" + "x".repeat(8000);

        assertThat(parse(head("GET " + path + " HTTP/1.1", "Host: a")).path()).isEqualTo(path);
    }
}
