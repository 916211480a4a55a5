package io.gyre.server.internal.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The {@code Date} header value in IMF-fixdate form (RFC 9110 5.6.7), e.g.
 * {@code Sun, 06 Nov 1994 08:49:37 GMT}, cached per second so a response costs no formatting
 * and no allocation. Thread-safe: any loop may refresh the cache; all refreshes agree.
 */
public final class HttpDate {
    private static final byte[] DAYS = "SunMonTueWedThuFriSat".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PREFIX = "Date: ".getBytes(StandardCharsets.US_ASCII);
    /** Length of an IMF-fixdate. */
    static final int LENGTH = 29;

    /** One second's value: the text and the whole header line, both immutable once published. */
    private record Second(long epochSecond, String text, byte[] headerLine) {}

    private static volatile Second current = second(System.currentTimeMillis() / 1000);

    private HttpDate() {}

    /**
     * Returns the current date as an IMF-fixdate, cached for the current second.
     *
     * @return e.g. {@code Sun, 06 Nov 1994 08:49:37 GMT}
     */
    public static String now() {
        return current().text;
    }

    /**
     * Writes {@code Date: <now>\r\n} to {@code out}.
     *
     * @param out the destination
     * @throws java.nio.BufferOverflowException if {@code out} has fewer than 37 bytes left
     */
    public static void writeHeader(ByteBuffer out) {
        out.put(current().headerLine);
    }

    /**
     * Formats an instant as an IMF-fixdate.
     *
     * @param epochMillis milliseconds since 1970-01-01T00:00:00Z, years 0 to 9999
     * @return e.g. {@code Sun, 06 Nov 1994 08:49:37 GMT}
     */
    public static String format(long epochMillis) {
        byte[] text = new byte[LENGTH];
        formatTo(Math.floorDiv(epochMillis, 1000), text, 0);
        return new String(text, StandardCharsets.US_ASCII);
    }

    private static Second current() {
        Second second = current;
        long now = System.currentTimeMillis() / 1000;
        if (second.epochSecond != now) {
            second = second(now);
            current = second;
        }
        return second;
    }

    private static Second second(long epochSecond) {
        byte[] line = new byte[PREFIX.length + LENGTH + 2];
        System.arraycopy(PREFIX, 0, line, 0, PREFIX.length);
        formatTo(epochSecond, line, PREFIX.length);
        line[line.length - 2] = '\r';
        line[line.length - 1] = '\n';
        return new Second(epochSecond, new String(line, PREFIX.length, LENGTH, StandardCharsets.US_ASCII), line);
    }

    /** Writes the 29-byte IMF-fixdate of this second at dst[offset]. */
    static void formatTo(long epochSecond, byte[] dst, int offset) {
        long days = Math.floorDiv(epochSecond, 86_400);
        int secondOfDay = Math.floorMod(epochSecond, 86_400);
        int weekday = Math.floorMod(days + 4, 7); // 1970-01-01 was a Thursday
        long date = civilDate(days);
        int day = (int) (date % 100);
        int month = (int) (date / 100 % 100);
        int year = (int) (date / 10_000);
        int i = offset;
        System.arraycopy(DAYS, weekday * 3, dst, i, 3);
        dst[i + 3] = ',';
        dst[i + 4] = ' ';
        two(dst, i + 5, day);
        dst[i + 7] = ' ';
        System.arraycopy(MONTHS, (month - 1) * 3, dst, i + 8, 3);
        dst[i + 11] = ' ';
        two(dst, i + 12, year / 100);
        two(dst, i + 14, year % 100);
        dst[i + 16] = ' ';
        two(dst, i + 17, secondOfDay / 3600);
        dst[i + 19] = ':';
        two(dst, i + 20, secondOfDay / 60 % 60);
        dst[i + 22] = ':';
        two(dst, i + 23, secondOfDay % 60);
        dst[i + 25] = ' ';
        dst[i + 26] = 'G';
        dst[i + 27] = 'M';
        dst[i + 28] = 'T';
    }

    /**
     * Returns the date of a day counted from 1970-01-01 (proleptic Gregorian calendar) as
     * {@code year * 10000 + month * 100 + day}, for years 0 to 9999.
     *
     * @param epochDay days since 1970-01-01
     * @return the date, e.g. {@code 20261122}
     */
    public static long civilDate(long epochDay) {
        // Count in 400-year eras of 146,097 days that start on March 1st, so that the leap day is
        // the last day of a year and needs no special case.
        long z = epochDay + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long dayOfEra = z - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long shiftedMonth = (5 * dayOfYear + 2) / 153; // 0 = March
        long day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1;
        long month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
        long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        return year * 10_000 + month * 100 + day;
    }

    private static void two(byte[] dst, int at, int value) {
        dst[at] = (byte) ('0' + value / 10);
        dst[at + 1] = (byte) ('0' + value % 10);
    }
}
