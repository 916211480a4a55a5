package io.gyre.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hibernate Validator's version banner stays off the console unless the app's logging configuration asks for it. */
class ValidatorBannerTest {
    @TempDir
    Path dir;

    @Test
    void startingTheValidatorPrintsNoBannerWithTheDefaultLogging() throws Exception {
        Child run = start();
        assertThat(run.stdout).as("stderr: %s", run.stderr).contains("validator started");
        assertThat(run.stderr).doesNotContain("HV000001");
    }

    @Test
    void anAppsOwnLoggingConfigurationStillDecidesAndCanShowTheBanner() throws Exception {
        Path config = dir.resolve("logging.properties");
        Files.writeString(config, "handlers=java.util.logging.ConsoleHandler\n.level=INFO\n"
                + "java.util.logging.ConsoleHandler.level=INFO\n");
        Child run = start("-Djava.util.logging.config.file=" + config);
        assertThat(run.stdout).as("stderr: %s", run.stderr).contains("validator started");
        assertThat(run.stderr).contains("HV000001");
    }

    private record Child(String stdout, String stderr) {
    }

    private Child start(String... jvmOptions) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), StartValidator.class.getName()));
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the child JVM ends").isTrue();
        assertThat(p.exitValue()).as("exit code; stderr: %s", Files.readString(err)).isZero();
        return new Child(Files.readString(out), Files.readString(err));
    }

    /** The child: starts the shared validator, as an app with a constrained route does. */
    static final class StartValidator {
        public static void main(String[] args) {
            System.out.println(Validation.validator() == null ? "no validator" : "validator started");
        }
    }
}
