package io.gyre.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class ConsoleFormatTest {
    private static final long AT = Instant.parse("2026-11-22T09:15:02.118Z").toEpochMilli();
    private static final String NL = System.lineSeparator();

    private static LogRecord record(Level level, String msg) {
        LogRecord r = new LogRecord(level, msg);
        r.setInstant(Instant.ofEpochMilli(AT));
        r.setLoggerName("io.gyre.server");
        return r;
    }

    private static String utc(long millis) {
        StringBuilder b = new StringBuilder();
        ConsoleFormat.appendUtc(b, millis);
        return b.toString();
    }

    @Test
    void aRecordIsOneLineWithTimeLevelLoggerAndMessage() {
        String line = new ConsoleFormat().format(record(Level.INFO, "Gyre server listening on http://127.0.0.1:8000"));

        assertThat(line).isEqualTo(
                "2026-11-22T09:15:02.118Z INFO    io.gyre.server: Gyre server listening on http://127.0.0.1:8000" + NL);
    }

    @Test
    void levelsAreNamedAsTheLogLevelOptionNamesThem() {
        assertThat(ConsoleFormat.levelName(Level.SEVERE)).isEqualTo("ERROR");
        assertThat(ConsoleFormat.levelName(Level.WARNING)).isEqualTo("WARNING");
        assertThat(ConsoleFormat.levelName(Level.INFO)).isEqualTo("INFO");
        assertThat(ConsoleFormat.levelName(Level.FINE)).isEqualTo("DEBUG");
        assertThat(ConsoleFormat.levelName(Level.FINER)).isEqualTo("TRACE");
        assertThat(ConsoleFormat.levelName(Level.FINEST)).isEqualTo("TRACE");
        assertThat(ConsoleFormat.levelName(Level.CONFIG)).isEqualTo("CONFIG");
    }

    @Test
    void aFailureFollowsTheLineWithItsStack() {
        LogRecord r = record(Level.WARNING, "request 'GET /' failed");
        r.setThrown(new IllegalStateException("the handler broke"));

        String text = new ConsoleFormat().format(r);

        assertThat(text).startsWith("2026-11-22T09:15:02.118Z WARNING io.gyre.server: request 'GET /' failed" + NL
                + "java.lang.IllegalStateException: the handler broke" + NL + "\tat ");
        assertThat(text).contains(ConsoleFormatTest.class.getName() + ".aFailureFollowsTheLineWithItsStack(");
    }

    @Test
    void parametersAreFilledInAndBracesWithoutParametersAreKept() {
        LogRecord withParams = record(Level.INFO, "{0} loops on port {1}");
        withParams.setParameters(new Object[] {"2", "8000"});

        assertThat(new ConsoleFormat().format(withParams)).endsWith(": 2 loops on port 8000" + NL);
        assertThat(new ConsoleFormat().format(record(Level.INFO, "body {0} stays"))).endsWith(": body {0} stays" + NL);
    }

    @Test
    void timestampsMatchTheJdksUtcFormattingAcrossLeapDaysCenturiesAndRandomInstants() {
        DateTimeFormatter iso = DateTimeFormatter.ISO_INSTANT;
        for (String edge : new String[] {"1970-01-01T00:00:00.000Z", "1969-12-31T23:59:59.999Z",
                "2000-02-29T12:00:00.001Z", "2000-03-01T00:00:00.000Z", "2100-02-28T23:59:59.999Z",
                "2100-03-01T00:00:00.000Z", "2024-12-31T23:59:59.999Z", "9999-12-31T23:59:59.999Z"}) {
            assertThat(utc(Instant.parse(edge).toEpochMilli())).isEqualTo(edge);
        }
        SplittableRandom random = new SplittableRandom(22);
        for (int i = 0; i < 20_000; i++) {
            long millis = random.nextLong(0, Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli());
            String expected = iso.format(Instant.ofEpochMilli(millis));
            // ISO_INSTANT drops zero fractions; compare with the fraction written out to milliseconds.
            String jdk = String.format("%s.%03dZ", expected.substring(0, 19), millis % 1000);
            assertThat(utc(millis)).as("millis %d", millis).isEqualTo(jdk);
        }
    }
}
