package io.gyre.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link ServerConfig.Builder#applyEnvironment}: the one reader of the {@code GYRE_*} server variables. */
class ServerConfigEnvironmentTest {
    @Test
    void variablesSetTheirOptionsAndBlankOnesAreIgnored() {
        ServerConfig c = ServerConfig.builder().applyEnvironment(Map.of("GYRE_PORT", "9000",
                "GYRE_GRACEFUL_TIMEOUT", "7s", "GYRE_ACCESS_LOG", "yes", "GYRE_HOST", " ")).build();
        assertThat(c.port()).isEqualTo(9000);
        assertThat(c.gracefulTimeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(c.accessLog()).isTrue();
        assertThat(c.host()).isEqualTo("127.0.0.1");
    }

    @Test
    void aValueThatDoesNotParseIsBlamedOnItsVariable() {
        assertThatThrownBy(() -> ServerConfig.builder().applyEnvironment(Map.of("GYRE_GRACEFUL_TIMEOUT", "soon")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("environment variable GYRE_GRACEFUL_TIMEOUT must be a duration like 30s");
    }

    @Test
    void anOutOfRangeValueIsBlamedOnItsVariableWhenAppliedNotLaterByBuild() {
        assertThatThrownBy(() -> ServerConfig.builder().applyEnvironment(Map.of("GYRE_PORT", "70000")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("environment variable GYRE_PORT must be in 0..65535: 70000");
    }

    @Test
    void aValueSetWithItsSourceIsCheckedAtOnceAndBlamedOnThatSource() {
        ServerConfig.Builder b = ServerConfig.builder();
        assertThatThrownBy(() -> b.set("port", "70000", "--port"))
                .hasMessage("--port must be in 0..65535: 70000");
        assertThatThrownBy(() -> b.set("gracefulTimeout", "soon", "--graceful-timeout"))
                .hasMessageStartingWith("--graceful-timeout must be a duration like 30s");
        assertThatThrownBy(() -> b.set("prot", "1", "--prot"))
                .hasMessageStartingWith("--prot: unknown server option 'prot'");
        assertThat(b.set("port", "9000", "--port").build().port()).as("a valid value is set").isEqualTo(9000);
    }

    @Test
    void anInvalidValueSetInCodeIsNotBlamedOnAValidVariable() {
        ServerConfig.Builder b = ServerConfig.builder().backlog(0).applyEnvironment(Map.of("GYRE_PORT", "9000"));
        assertThatThrownBy(b::build).hasMessage("backlog must be > 0: 0");
    }

    @Test
    void aSizeBeyondAnIntIsRefusedEvenWhenNegative() {
        assertThatThrownBy(() -> ServerConfig.builder().applyEnvironment(Map.of("GYRE_MAX_HEADER_BYTES", "3g")))
                .hasMessageContaining("GYRE_MAX_HEADER_BYTES is too large");
        // -3g as a long wraps to +1g as an int: refused, not taken as a 1 GiB limit
        assertThatThrownBy(() -> ServerConfig.builder().applyEnvironment(Map.of("GYRE_MAX_HEADER_BYTES", "-3g")))
                .hasMessageContaining("GYRE_MAX_HEADER_BYTES is out of range");
    }
}
