package io.gyre.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code --ws-*} options: spellings, text forms, ranges and the defaults they build. */
class ServerConfigWebSocketOptionsTest {
    @Test
    void everyWebSocketOptionHasAFlagAndAVariableInTheOptionTable() {
        Map<String, ServerConfig.Option> byFlag = new java.util.HashMap<>();
        ServerConfig.options().forEach(o -> byFlag.put(o.flag(), o));
        assertThat(byFlag.get("--ws-max-size")).extracting(ServerConfig.Option::env, ServerConfig.Option::defaultValue)
                .containsExactly("GYRE_WS_MAX_SIZE", "16m");
        assertThat(byFlag.get("--ws-max-queue").env()).isEqualTo("GYRE_WS_MAX_QUEUE");
        assertThat(byFlag.get("--ws-ping-interval").description()).contains("0 or none");
        assertThat(byFlag.get("--ws-ping-timeout").defaultValue()).isEqualTo("20s");
        assertThat(byFlag.get("--ws-per-message-deflate").env()).isEqualTo("GYRE_WS_PER_MESSAGE_DEFLATE");
    }

    @Test
    void variablesAndTextFormsSetTheServerWideWebSocketDefaults() {
        ServerConfig c = ServerConfig.builder().applyEnvironment(Map.of("GYRE_WS_MAX_SIZE", "1m",
                "GYRE_WS_MAX_QUEUE", "32", "GYRE_WS_PING_INTERVAL", "none", "GYRE_WS_PING_TIMEOUT", "1.5",
                "GYRE_WS_PER_MESSAGE_DEFLATE", "false")).build();
        WebSocketConfig ws = c.webSocketDefaults();
        assertThat(ws.maxMessageBytes()).isEqualTo(1024 * 1024);
        assertThat(ws.inboundQueue()).isEqualTo(32);
        assertThat(ws.pingInterval()).as("none turns pings off").isZero();
        assertThat(ws.pingTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(ws.compression()).isFalse();
        assertThat(ws.closeTimeout()).as("not a server-wide option").isEqualTo(WebSocketConfig.DEFAULTS.closeTimeout());
        assertThat(ServerConfig.builder().set("ws-ping-interval", "0").build().wsPingInterval()).isZero();
        assertThat(c.toBuilder().build()).isEqualTo(c);
    }

    @Test
    void theDefaultsAreTheBuiltInWebSocketDefaults() {
        assertThat(ServerConfig.defaults().webSocketDefaults()).isEqualTo(WebSocketConfig.DEFAULTS);
    }

    @Test
    void anInvalidValueIsRefusedNamingItsFlag() {
        ServerConfig.Builder b = ServerConfig.builder();
        assertThatThrownBy(() -> b.set("wsMaxSize", "100", "--ws-max-size"))
                .hasMessage("--ws-max-size must be >= 125 (a WebSocket control frame's payload): 100");
        assertThatThrownBy(() -> b.set("wsMaxSize", "lots", "--ws-max-size"))
                .hasMessageStartingWith("--ws-max-size must be a size like 65536, 64k or 16m");
        assertThatThrownBy(() -> b.set("wsMaxQueue", "0", "--ws-max-queue"))
                .hasMessage("--ws-max-queue must be >= 1: 0");
        assertThatThrownBy(() -> b.set("wsPingTimeout", "0", "--ws-ping-timeout"))
                .hasMessage("--ws-ping-timeout must be > 0: PT0S");
        assertThatThrownBy(() -> b.set("wsPingInterval", "-1s", "--ws-ping-interval"))
                .hasMessageStartingWith("--ws-ping-interval must be >= 0");
        assertThatThrownBy(() -> b.set("wsPerMessageDeflate", "maybe", "--ws-per-message-deflate"))
                .hasMessage("--ws-per-message-deflate must be true or false: 'maybe'");
        assertThatThrownBy(() -> ServerConfig.builder().applyEnvironment(Map.of("GYRE_WS_MAX_SIZE", "3g")))
                .hasMessageStartingWith("environment variable GYRE_WS_MAX_SIZE is too large");
    }
}
