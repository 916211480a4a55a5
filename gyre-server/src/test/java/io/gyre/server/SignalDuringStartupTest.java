package io.gyre.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SIGTERM while a startup hook runs is a clean stop (exit 0), not a failed start (exit 4). */
class SignalDuringStartupTest {
    @ParameterizedTest(name = "the hook waits in a {0} call")
    @ValueSource(strings = {"gyre", "jdk"})
    void aSignalDuringAStartupHookStopsTheServerCleanly(String waitsIn) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                StartupSignalChild.class.getName(), waitsIn).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).as("the child's first line").isEqualTo("IN-HOOK");
            // SIGTERM; Process.destroy() would also close the child's output streams
            assertThat(new ProcessBuilder("kill", "-TERM", Long.toString(child.pid())).start().waitFor()).isZero();
            assertThat(child.waitFor(20, TimeUnit.SECONDS)).as("the child exits").isTrue();
            String stderr = new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(out.readLine()).as("the child's last line; stderr:\n%s", stderr).isEqualTo("EXIT 0");
            assertThat(child.exitValue()).isZero();
            assertThat(stderr).as("stderr").contains("SIGTERM received").doesNotContain("failed")
                    .doesNotContain("\tat ");
        } finally {
            child.destroyForcibly();
        }
    }
}
