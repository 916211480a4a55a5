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
        List<SpooledFile> parts = MultipartParser.parse(in, "XyZ", threshold, created::add);
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
        SpooledFile upload = parts.get(1);
        assertThat(upload.onDisk()).isTrue();
        assertThat(upload.text()).startsWith("line one");
        upload.close();
        assertThatThrownBy(upload::open).isInstanceOf(IOException.class);
    }

    @Test
    void truncatedBodiesAreRejectedWith400() {
        String truncated = BODY.substring(0, BODY.indexOf("line one") + 4);
        assertThatThrownBy(() -> parse(new ByteArrayInputStream(truncated.getBytes(StandardCharsets.UTF_8)), 100))
                .isInstanceOfSatisfying(HttpException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining("ended inside a part");
        assertThatThrownBy(() -> parse(new ByteArrayInputStream("no parts".getBytes(StandardCharsets.UTF_8)), 100))
                .hasMessageContaining("no boundary found");
    }

    @Test
    void boundaryIsReadFromTheContentType() {
        assertThat(MultipartParser.boundary("multipart/form-data; boundary=\"a b\"")).hasValue("a b");
        assertThat(MultipartParser.boundary("multipart/form-data;boundary=xyz")).hasValue("xyz");
        assertThat(MultipartParser.boundary("multipart/form-data")).isEmpty();
    }
}
