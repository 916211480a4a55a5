package io.gyre.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RangeTest {
    @Test
    void singleRangesAreParsed() {
        assertThat(FileResponses.parseRange("bytes=0-4", 10)).hasValueSatisfying(r -> assertThat(r).containsExactly(0, 4));
        assertThat(FileResponses.parseRange("bytes=5-", 10)).hasValueSatisfying(r -> assertThat(r).containsExactly(5, 9));
        assertThat(FileResponses.parseRange("bytes=-3", 10)).hasValueSatisfying(r -> assertThat(r).containsExactly(7, 9));
        assertThat(FileResponses.parseRange("bytes=8-100", 10)).hasValueSatisfying(r -> assertThat(r).containsExactly(8, 9));
    }

    @Test
    void unsupportedFormsAreIgnoredAndImpossibleOnesRejected() {
        assertThat(FileResponses.parseRange("bytes=0-1,3-4", 10)).isEmpty();
        assertThat(FileResponses.parseRange("items=0-1", 10)).isEmpty();
        assertThat(FileResponses.parseRange("bytes=5-2", 10)).isEmpty();
        assertThat(FileResponses.parseRange("bytes=x-2", 10)).isEmpty();
        assertThat(FileResponses.parseRange("bytes=10-", 10)).isNull();
        assertThat(FileResponses.parseRange("bytes=-0", 10)).isNull();
    }
}
