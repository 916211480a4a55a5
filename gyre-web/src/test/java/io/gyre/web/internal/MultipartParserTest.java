package io.gyre.web.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gyre.web.HttpException;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MultipartParserTest {
    /** Hands out one byte per read call, like a slow network. */
    static final class OneByteAtATime extends FilterInputStream {
        OneByteAtATime(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, 1));
        }
    }

    static final String BODY = "preamble\r\n"
            + "--XyZ\r\n"
            + "Content-Disposition: form-data; name=\"title\"\r\n"
            + "\r\n"
            + "Hello\r\nworld\r\n"
            + "--XyZ\r\n"
            + "Content-Disposition: form-data; name=\"upload\"; filename=\"a.txt\"\r\n"
            + "Content-Type: text/plain\r\n"
            + "\r\n"
            + "line one\r\n--not the boundary\r\r\n-\r\n"
            + "--XyZ--\r\n"
            + "epilogue";

    private static List<SpooledFile> parse(InputStream in, long threshold) throws IOException {
        List<SpooledFile> created = new ArrayList<>();
        List<SpooledFile> parts = MultipartParser.parse(in, "XyZ", threshold, FormLimits.DEFAULTS, created::add);
        assertThat(created).isEqualTo(parts);
        return parts;
    }

    @Test
    void partsAreSplitAtTheBoundaryOnlyWithWholeBytesFed() throws IOException {
        for (InputStream in : List.of(new ByteArrayInputStream(BODY.getBytes(StandardCharsets.UTF_8)),
                new OneByteAtATime(new ByteArrayInputStream(BODY.getBytes(StandardCharsets.UTF_8))))) {
            List<SpooledFile> parts = parse(in, 1 << 20);
            assertThat(parts).hasSize(2);
            assertThat(parts.get(0).field()).isEqualTo("title");
            assertThat(parts.get(0).text()).isEqualTo("Hello\r\nworld");
            assertThat(parts.get(1).filename()).hasValue("a.txt");
            assertThat(parts.get(1).contentType()).isEqualTo("text/plain");
            assertThat(parts.get(1).text()).isEqualTo("line one\r\n--not the boundary\r\r\n-");
        }
    }

    @Test
    void largePartsSpillToATemporaryFileDeletedOnClose() throws IOException {
        List<SpooledFile> parts = parse(new ByteArrayInputStream(BODY.getBytes(StandardCharsets.UTF_8)), 4);
        assertThat(parts).allMatch(SpooledFile::onDisk); // both parts are over 4 bytes
        assertThat(parts.get(1).text()).startsWith("line one");
        for (SpooledFile part : parts) {
            part.close();
            assertThatThrownBy(part::open).isInstanceOf(IOException.class);
        }
    }

    @Test
    void truncatedBodiesAreRejectedWith400() {
        String truncated = BODY.substring(0, BODY.indexOf("line one") + 4);
        assertThatThrownBy(() -> parse(new ByteArrayInputStream(truncated.getBytes(StandardCharsets.UTF_8)), 100))
                .isInstanceOfSatisfying(HttpException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining("ended inside a part");
        assertThatThrownBy(() -> parse(new ByteArrayInputStream("no parts".getBytes(StandardCharsets.UTF_8)), 100))
                .hasMessageContaining("no boundary line '--XyZ' found");
    }

    @Test
    void boundaryIsReadFromTheContentType() {
        assertThat(MultipartParser.boundary("multipart/form-data; boundary=\"a b\"")).isEqualTo("a b");
        assertThat(MultipartParser.boundary("multipart/form-data;boundary=xyz")).isEqualTo("xyz");
        assertThat(MultipartParser.boundary("multipart/form-data; charset=utf-8; BOUNDARY=xyz")).isEqualTo("xyz");
        assertThatThrownBy(() -> MultipartParser.boundary("multipart/form-data"))
                .hasMessageContaining("no boundary in Content-Type 'multipart/form-data'");
        assertThatThrownBy(() -> MultipartParser.boundary("multipart/form-data; boundary=" + "x".repeat(71)))
                .hasMessageContaining("71 characters long; RFC 2046 allows at most 70");
    }

    /** Parses {@code body} whole and one byte at a time, checking both give the same parts. */
    private static List<SpooledFile> both(String body, FormLimits limits) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        List<SpooledFile> whole = MultipartParser.parse(new ByteArrayInputStream(bytes), "XyZ", 1 << 20, limits, p -> { });
        List<SpooledFile> slow = MultipartParser.parse(new OneByteAtATime(new ByteArrayInputStream(bytes)), "XyZ", 1 << 20,
                limits, p -> { });
        assertThat(slow).extracting(SpooledFile::toString).isEqualTo(whole.stream().map(SpooledFile::toString).toList());
        assertThat(slow).extracting(SpooledFile::text).isEqualTo(whole.stream().map(SpooledFile::text).toList());
        return whole;
    }

    private static void refusedBoth(String body, FormLimits limits, String message) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        for (InputStream in : List.of(new ByteArrayInputStream(bytes), new OneByteAtATime(new ByteArrayInputStream(bytes)))) {
            assertThatThrownBy(() -> MultipartParser.parse(in, "XyZ", 1 << 20, limits, p -> { }))
                    .isInstanceOfSatisfying(HttpException.class, e -> assertThat(e.status()).isEqualTo(400))
                    .hasMessageContaining(message);
        }
    }

    @Test
    void transportPaddingAfterBoundaryLinesIsSkipped() throws IOException {
        List<SpooledFile> parts = both("--XyZ \t\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n"
                + "--XyZ\t\r\nContent-Disposition: form-data; name=b\r\n\r\n2\r\n--XyZ--  \r\n", FormLimits.DEFAULTS);
        assertThat(parts).extracting(SpooledFile::field).containsExactly("a", "b");
        assertThat(parts).extracting(SpooledFile::text).containsExactly("1", "2");
    }

    @Test
    void quotedParametersMayHoldSemicolonsAndEscapes() throws IOException {
        List<SpooledFile> parts = both("--XyZ\r\nContent-Disposition: form-data; name=\"f;1\"; filename=\"a;b \\\"c\\\".txt\""
                + "\r\n\r\nx\r\n--XyZ--", FormLimits.DEFAULTS);
        assertThat(parts.getFirst().field()).isEqualTo("f;1");
        assertThat(parts.getFirst().filename()).hasValue("a;b \"c\".txt");
        assertThat(MultipartParser.parameters(" name=a ; filename=\"\" ; flag; NAME=b"))
                .containsExactly(java.util.Map.entry("name", "a"), java.util.Map.entry("filename", ""));
    }

    @Test
    void extendedFilenamesAreDecodedAndWinOverPlainOnes() throws IOException {
        List<SpooledFile> parts = both("--XyZ\r\nContent-Disposition: form-data; name=f; filename=\"naive.txt\";"
                + " filename*=UTF-8''na%C3%AFve.txt\r\n\r\nx\r\n--XyZ--", FormLimits.DEFAULTS);
        assertThat(parts.getFirst().filename()).hasValue("na\u00efve.txt");
        assertThat(MultipartParser.extValue("iso-8859-1'en'%E9t%E9")).hasValue("\u00e9t\u00e9");
        assertThat(MultipartParser.extValue("UTF-8''bad%zz")).isEmpty();
        assertThat(MultipartParser.extValue("UTF-8''cut%4")).isEmpty();
        assertThat(MultipartParser.extValue("no-quotes")).isEmpty();
        assertThat(MultipartParser.extValue("koi8-r''x")).isEmpty();
    }

    @Test
    void anEmptyBodyHasNoParts() throws IOException {
        assertThat(both("", FormLimits.DEFAULTS)).isEmpty();
    }

    @Test
    void brokenFramingIsRefusedWithAMessageThatSaysWhere() {
        refusedBoth("--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\nx\r\n", FormLimits.DEFAULTS,
                "ended inside a part");
        refusedBoth("--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\nx\r\n--XyZ\r\n", FormLimits.DEFAULTS,
                "the body ended before the closing boundary '--XyZ--'");
        refusedBoth("--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\nx\r\n--XyZ", FormLimits.DEFAULTS,
                "the body ended before the closing boundary '--XyZ--'");
        refusedBoth("--XyZ\r\nContent-Disposition: form-data; name=a\r\n", FormLimits.DEFAULTS,
                "the body ended inside part headers");
        refusedBoth("--XyZ\nContent-Disposition: form-data; name=a\n\nx\n--XyZ--\n", FormLimits.DEFAULTS,
                "expected CRLF after the boundary line '--XyZ'");
        refusedBoth("--XyZ\r\nContent-Type: text/plain\r\n\r\nx\r\n--XyZ--", FormLimits.DEFAULTS,
                "a part has no Content-Disposition name");
        refusedBoth("--XyZ\r\nContent-Disposition: form-data\r\n\r\nx\r\n--XyZ--", FormLimits.DEFAULTS,
                "a part has no Content-Disposition name");
        refusedBoth("just text", FormLimits.DEFAULTS, "no boundary line '--XyZ' found");
    }

    @Test
    void limitsOnFieldsFilesAndHeadersAreEnforcedAndNamed() throws IOException {
        String field = "--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\nx\r\n";
        String file = "--XyZ\r\nContent-Disposition: form-data; name=f; filename=x\r\n\r\nx\r\n";
        FormLimits two = new FormLimits(2, 2, 100);
        assertThat(both(field + file + field + file + "--XyZ--", two)).hasSize(4);
        refusedBoth(field.repeat(3) + "--XyZ--", two, "more than 2 fields; raise WebApp.Builder.maxFormFields(...)");
        refusedBoth(file.repeat(3) + "--XyZ--", two, "more than 2 files; raise WebApp.Builder.maxFormFiles(...)");
        refusedBoth("--XyZ\r\nContent-Disposition: form-data; name=a\r\nX-Pad: " + "y".repeat(100) + "\r\n\r\nx\r\n--XyZ--",
                two, "part headers larger than 100 bytes; raise WebApp.Builder.maxPartHeaderBytes(...)");
    }
}
