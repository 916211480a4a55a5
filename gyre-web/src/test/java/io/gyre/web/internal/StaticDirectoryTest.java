package io.gyre.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StaticDirectoryTest {
    @Test
    void segmentsArePercentDecodedOneByOne() {
        assertThat(StaticDirectory.segments("/css/site.css")).hasValue(List.of("css", "site.css"));
        assertThat(StaticDirectory.segments("/with%20space%20%C3%A9.txt")).hasValue(List.of("with space é.txt"));
        assertThat(StaticDirectory.segments("/docs/")).hasValue(List.of("docs"));
        assertThat(StaticDirectory.segments("/")).hasValue(List.of());
        assertThat(StaticDirectory.segments("")).hasValue(List.of());
        assertThat(StaticDirectory.segments("/100%")).hasValue(List.of("100%"));
        assertThat(StaticDirectory.segments("/.well-known/x")).hasValue(List.of(".well-known", "x"));
    }

    @Test
    void oddSegmentsRefuseThePath() {
        for (String rest : new String[] {"/..", "/../x", "/%2e%2e/x", "/%2E%2e", "/./x", "/%2e/x", "/a//b", "//etc/passwd",
            "/a%2fb", "/a%2Fb", "/a%5cb", "/a\\b", "/a%00", "/%ff.txt", "/%c3", "x", "/a/../b"}) {
            assertThat(StaticDirectory.segments(rest)).as(rest).isEmpty();
        }
    }
}
