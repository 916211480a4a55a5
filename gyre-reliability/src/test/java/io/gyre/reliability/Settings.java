package io.gyre.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * The knobs of the suite: CI smoke values by default (set in the module's pom), full-length
 * values from {@code bench/reliability/*.sh}; and the file the measured figures go to.
 */
final class Settings {
    private Settings() {
    }

    static long number(String name, long fallback) {
        String v = System.getProperty("reliability." + name);
        return v == null || v.isBlank() ? fallback : Long.parseLong(v.trim());
    }

    static Duration seconds(String name, long fallback) {
        return Duration.ofSeconds(number(name, fallback));
    }

    /** Appends {@code name value} to {@code figures.txt} in the report folder (and prints it). */
    static synchronized void figure(String name, Object value) {
        String line = name + " " + value;
        System.out.println("[figure] " + line);
        Path dir = Path.of(System.getProperty("reliability.report.dir", "target/reliability"));
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("figures.txt"), line + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
