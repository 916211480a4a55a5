package io.gyre.server;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Parses option values written as text: durations, sizes, booleans, lists. */
final class Values {
    private Values() {
    }

    static int integer(String option, String v) {
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be an integer: '" + v + "'", e);
        }
    }

    static long size(String option, String v) {
        String s = v.trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        if (s.endsWith("b")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.endsWith("k")) {
            unit = 1024;
        } else if (s.endsWith("m")) {
            unit = 1024 * 1024;
        } else if (s.endsWith("g")) {
            unit = 1024L * 1024 * 1024;
        }
        if (unit != 1) {
            s = s.substring(0, s.length() - 1);
        }
        try {
            return Math.multiplyExact(Long.parseLong(s.trim()), unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(option + " must be a size like 65536, 64k or 16m: '" + v + "'", e);
        }
    }

    /** {@link #size} for an option held in an {@code int}. */
    static int intSize(String option, String v) {
        long n = size(option, v);
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(option + " is too large: '" + v + "' (at most " + Integer.MAX_VALUE
                    + " bytes)");
        }
        if (n < Integer.MIN_VALUE) { // would wrap around to a positive int
            throw new IllegalArgumentException(option + " is out of range: '" + v + "' (a size in bytes, at most "
                    + Integer.MAX_VALUE + ")");
        }
        return (int) n;
    }

    static Duration duration(String option, String v) {
        String s = v.trim().toLowerCase(Locale.ROOT);
        try {
            if (s.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2).trim()));
            }
            if (s.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(s.substring(0, s.length() - 1).trim()) * 1000));
            }
            if (s.endsWith("m")) {
                return Duration.ofSeconds(Math.round(Double.parseDouble(s.substring(0, s.length() - 1).trim()) * 60));
            }
            if (s.startsWith("pt")) {
                return Duration.parse(s);
            }
            return Duration.ofMillis(Math.round(Double.parseDouble(s) * 1000));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(option + " must be a duration like 30s, 500ms, 2m or a number of seconds: '"
                    + v + "'", e);
        }
    }

    static boolean bool(String option, String v) {
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw new IllegalArgumentException(option + " must be true or false: '" + v + "'");
        };
    }

    static List<String> list(String v) {
        return Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
