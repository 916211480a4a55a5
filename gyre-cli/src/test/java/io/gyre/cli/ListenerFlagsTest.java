package io.gyre.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gyre.server.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code --uds} and {@code --fd} on the command line and in the environment. */
class ListenerFlagsTest {
    private static ServerConfig parse(Map<String, String> env, String... args) {
        return GyreCli.config(new CommandLine(GyreCli.serveSpec()).parseArgs(args), env);
    }

    private static String usageError(String... args) {
        StringWriter err = new StringWriter();
        int code = GyreCli.run(args, Map.of(), new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8), new PrintWriter(err, true));
        assertThat(code).as("exit code").isEqualTo(GyreCli.EXIT_USAGE);
        return err.toString();
    }

    @Test
    void udsComesFromTheFlagOrTheVariableAndTheFlagWins() {
        assertThat(parse(Map.of(), "x.App", "--uds", "/run/app.sock").uds()).isEqualTo("/run/app.sock");
        assertThat(parse(Map.of("GYRE_UDS", "/run/env.sock"), "x.App").uds()).isEqualTo("/run/env.sock");
        assertThat(parse(Map.of("GYRE_UDS", "/run/env.sock"), "x.App", "--uds", "/run/flag.sock").uds())
                .isEqualTo("/run/flag.sock");
        assertThat(parse(Map.of("GYRE_FD", "0"), "x.App").fd()).isZero();
        assertThat(parse(Map.of(), "x.App").fd()).isEqualTo(-1);
    }

    @Test
    void fdThreeIsAUsageErrorThatExplainsWhyOnlyStandardInputWorks() {
        assertThat(usageError("serve", "x.App", "--fd", "3"))
                .contains("--fd must be 0, a listening socket inherited on standard input (got 3)")
                .contains("the JDK can adopt only the channel inherited on standard input")
                .contains("--uds PATH");
    }

    @Test
    void udsAndFdTogetherAreAUsageError() {
        assertThat(usageError("serve", "x.App", "--uds", "/run/app.sock", "--fd", "0"))
                .contains("uds and fd both name a listener");
    }
}
