package io.gyre.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The {@code gyre} script at the repository root, run as a user runs it. */
class LauncherTest {
    private record Run(int code, String out, String err) {
    }

    private static Run launch(String... args) throws IOException, InterruptedException {
        Path script = Path.of("").toAbsolutePath().getParent().resolve("gyre");
        assertThat(script).as("the launcher next to the gyre-cli module").exists();
        Path out = Files.createTempFile("gyre-launcher", ".out");
        Path err = Files.createTempFile("gyre-launcher", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder("bash", script.toString());
            pb.command().addAll(java.util.List.of(args));
            pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
            Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the launcher ended").isTrue();
            return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    @Test
    void askingTheLauncherForHelpIsNotAnError() throws Exception {
        for (String help : new String[] {"help", "--help", "-h"}) {
            Run r = launch(help);
            assertThat(r.code()).as(help + ": " + r.err()).isZero();
            assertThat(r.out()).as(help).contains("./gyre serve APP", "--app-path")
                    .doesNotContain("set -euo pipefail");
        }
    }

    @Test
    void anUnknownCommandIsNamedAndIsAUsageError() throws Exception {
        Run r = launch("srve");
        assertThat(r.code()).isEqualTo(GyreCli.EXIT_USAGE);
        assertThat(r.err()).contains("unknown command 'srve'", "./gyre serve APP");
    }
}
