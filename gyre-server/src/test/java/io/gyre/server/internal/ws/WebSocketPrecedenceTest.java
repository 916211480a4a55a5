package io.gyre.server.internal.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.gyre.server.ServerConfig;
import io.gyre.server.WebSocketConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The endpoint's own setting beats the server-wide default, which beats the built-in one. */
class WebSocketPrecedenceTest {
    private static final WebSocketConfig SERVER = ServerConfig.builder().wsMaxSize(1024).wsMaxQueue(4)
            .wsPingInterval(Duration.ZERO).wsPingTimeout(Duration.ofSeconds(3)).wsPerMessageDeflate(false).build()
            .webSocketDefaults();

    @Test
    void anEndpointWithoutSettingsGetsTheServerWideDefaults() {
        WebSocketConfig c = WebSocketPrecedence.resolve(WebSocketConfig.DEFAULTS, SERVER);
        assertThat(c).isEqualTo(SERVER);
        assertThat(c.maxMessageBytes()).isEqualTo(1024);
        assertThat(c.inboundQueue()).isEqualTo(4);
        assertThat(c.pingInterval()).isZero();
        assertThat(c.pingTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(c.compression()).isFalse();
    }

    @Test
    void theFieldsAnEndpointSetsAreItsOwnAndTheRestFollowTheServer() {
        WebSocketConfig endpoint = WebSocketConfig.builder().maxMessageBytes(64 * 1024)
                .pingTimeout(Duration.ofSeconds(1)).closeTimeout(Duration.ofSeconds(2)).build();
        WebSocketConfig c = WebSocketPrecedence.resolve(endpoint, SERVER);
        assertThat(c.maxMessageBytes()).isEqualTo(64 * 1024);
        assertThat(c.pingTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.closeTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.inboundQueue()).isEqualTo(4);
        assertThat(c.pingInterval()).isZero();
        assertThat(c.compression()).isFalse();
    }

    @Test
    void withoutServerWideOptionsEveryEndpointKeepsItsConfiguration() {
        WebSocketConfig endpoint = WebSocketConfig.builder().inboundQueue(2).compression(false).build();
        WebSocketConfig builtIn = ServerConfig.defaults().webSocketDefaults();
        assertThat(builtIn).isEqualTo(WebSocketConfig.DEFAULTS);
        assertThat(WebSocketPrecedence.resolve(endpoint, builtIn)).isEqualTo(endpoint);
        assertThat(WebSocketPrecedence.resolve(WebSocketConfig.DEFAULTS, builtIn)).isEqualTo(WebSocketConfig.DEFAULTS);
    }

    @Test
    void aFieldLeftAtItsBuiltInValueCountsAsNotSet() {
        WebSocketConfig endpoint = WebSocketConfig.builder().maxMessageBytes(WebSocketConfig.DEFAULTS.maxMessageBytes())
                .inboundQueue(8).build();
        WebSocketConfig c = WebSocketPrecedence.resolve(endpoint, SERVER);
        assertThat(c.maxMessageBytes()).isEqualTo(1024);
        assertThat(c.inboundQueue()).isEqualTo(8);
    }
}
