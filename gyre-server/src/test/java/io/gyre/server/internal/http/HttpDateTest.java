package io.gyre.server.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HttpDateTest {
    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    @Test
    void formatsTheRfcExample() {
        assertThat(HttpDate.format(784_111_777_000L)).isEqualTo("Sun, 06 Nov 1994 08:49:37 GMT");
    }

    @Test
    void formatsTheEpochLeapDaysAndYearEnds() {
        assertThat(HttpDate.format(0)).isEqualTo("Thu, 01 Jan 1970 00:00:00 GMT");
        assertThat(HttpDate.format(Instant.parse("2000-02-29T12:34:56Z").toEpochMilli()))
                .isEqualTo("Tue, 29 Feb 2000 12:34:56 GMT");
        assertThat(HttpDate.format(Instant.parse("2024-12-31T23:59:59.999Z").toEpochMilli()))
                .isEqualTo("Tue, 31 Dec 2024 23:59:59 GMT");
        assertThat(HttpDate.format(Instant.parse("2100-03-01T00:00:00Z").toEpochMilli()))
                .isEqualTo("Mon, 01 Mar 2100 00:00:00 GMT");
        assertThat(HttpDate.format(-1)).isEqualTo("Wed, 31 Dec 1969 23:59:59 GMT");
    }

    @Test
    void agreesWithTheJdkFormatterOnRandomInstants() {
        Random random = new Random(42);
        for (int i = 0; i < 2_000; i++) {
            long millis = random.nextLong(0, Instant.parse("9999-12-31T23:59:59Z").toEpochMilli());
            assertThat(HttpDate.format(millis)).isEqualTo(IMF_FIXDATE.format(Instant.ofEpochMilli(millis)));
        }
    }

    @Test
    void nowIsAFixdateCachedWithinTheSecond() {
        String first = HttpDate.now();
        String second = HttpDate.now();
        if (!first.equals(second)) { // the second changed between the calls; it cannot change twice this fast
            first = HttpDate.now();
            second = HttpDate.now();
        }

        assertThat(second).isSameAs(first);
        assertThat(first).hasSize(29).endsWith(" GMT");
        long before = System.currentTimeMillis() - 2000;
        long parsed = Instant.from(IMF_FIXDATE.parse(first)).toEpochMilli();
        assertThat(parsed).isBetween(before, System.currentTimeMillis());
    }
}
