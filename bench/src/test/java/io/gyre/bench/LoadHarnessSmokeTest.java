package io.gyre.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs {@code bench/load.sh --smoke}: one peer and every Gyre variant through the shared peer
 * driver, 1 rep of 3 s runs. It checks that the harness works and writes its table; it asserts
 * no performance figure (the machine running the tests is shared and noisy).
 */
class LoadHarnessSmokeTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path DRIVER = ROOT.resolve("../shared/peers/run.sh").normalize();

    @Test
    void theLoadHarnessRunsGyreAndAPeerAndWritesTheRatioTable() throws Exception {
        assumeTrue(Files.isRegularFile(DRIVER), "no peer driver at " + DRIVER);
        assumeTrue(new ProcessBuilder("wrk", "--version").start().waitFor() >= 0, "wrk is not installed");
        Path out = Path.of("target", "load-smoke").toAbsolutePath();
        ProcessBuilder pb = new ProcessBuilder("bash", "bench/load.sh", "--smoke").directory(ROOT.toFile())
                .redirectErrorStream(true).redirectOutput(out.resolveSibling("load-smoke.log").toFile());
        pb.environment().put("NO_BUILD", "1");
        pb.environment().put("OUT", out.toString());
        Process p = pb.start();
        boolean ended = p.waitFor(10, TimeUnit.MINUTES);
        if (!ended) {
            p.destroyForcibly();
        }
        String log = Files.readString(out.resolveSibling("load-smoke.log"), StandardCharsets.UTF_8);
        assertThat(ended).as("load.sh --smoke finished within 10 minutes; log:\n" + log).isTrue();
        assertThat(p.exitValue()).as("load.sh exit status; log:\n" + log).isZero();
        String table = Files.readString(out.resolve("gyre-vs-peers.md"), StandardCharsets.UTF_8);
        assertThat(table).contains("gyre-loop", "gyre-task", "gyre-web", "uvicorn-asgi");
    }
}
