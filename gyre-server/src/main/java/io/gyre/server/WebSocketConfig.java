package io.gyre.server;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits and timings of WebSocket sessions. Immutable; build with {@link #builder()}.
 *
 * <p>Five fields have a server-wide default, set by operators with {@link ServerConfig}'s
 * {@code ws*} options ({@code --ws-max-size}, {@code --ws-max-queue}, {@code --ws-ping-interval},
 * {@code --ws-ping-timeout}, {@code --ws-per-message-deflate}): {@link #maxMessageBytes()},
 * {@link #inboundQueue()}, {@link #pingInterval()}, {@link #pingTimeout()} and
 * {@link #compression()}. For these, a session gets its endpoint's own setting, else the
 * server-wide default, else the built-in default ({@link #DEFAULTS}). An endpoint's field counts as
 * its own setting when it differs from the built-in default; a field left at the built-in value
 * (never set, as in {@link #DEFAULTS} or a builder that did not call that setter) follows the
 * server. So an endpoint can raise or lower any of them, but cannot pin exactly the built-in value
 * against a different server-wide one; in particular {@code --ws-per-message-deflate false} turns
 * compression off for every endpoint.
 *
 * {@snippet :
 * // every other field follows the server: --ws-ping-interval, --ws-per-message-deflate, ...
 * WebSocketConfig uploads = WebSocketConfig.builder().maxMessageBytes(64 * 1024 * 1024).build();
 * }
 *
 * @param maxMessageBytes largest message accepted, in bytes, after reassembly and inflation
 *     (default 16 MiB); a larger one closes the session with {@link CloseCodes#MESSAGE_TOO_BIG}
 * @param inboundQueue complete messages buffered for {@link WebSocketSession#receive()} before
 *     the server stops reading from the socket (default 16)
 * @param pingInterval how often the server pings an idle-or-not client (default 20 s);
 *     {@link Duration#ZERO} disables keepalive
 * @param pingTimeout how long a ping may wait for its pong before the session closes with
 *     {@link CloseCodes#INTERNAL_ERROR} (default 20 s)
 * @param closeTimeout how long the server waits for the peer's close frame after sending its
 *     own, then drops the connection (default 5 s)
 * @param shutdownCloseCode the code sent to every open session at server shutdown: 1001
 *     (going away, the default) or e.g. 1012 (service restart)
 * @param compression whether permessage-deflate is accepted when a client offers it (default
 *     {@code true})
 * @param contextTakeover whether compression keeps its context across messages (default
 *     {@code true}: better ratios, about 300 KiB of native memory per session); {@code false}
 *     negotiates {@code server_no_context_takeover} and {@code client_no_context_takeover}
 */
public record WebSocketConfig(
        int maxMessageBytes,
        int inboundQueue,
        Duration pingInterval,
        Duration pingTimeout,
        Duration closeTimeout,
        int shutdownCloseCode,
        boolean compression,
        boolean contextTakeover) {

    /** The built-in defaults; an endpoint with this configuration follows the server-wide defaults. */
    public static final WebSocketConfig DEFAULTS = builder().build();

    /**
     * Validates the options.
     *
     * @param maxMessageBytes see the record description
     * @param inboundQueue see the record description
     * @param pingInterval see the record description
     * @param pingTimeout see the record description
     * @param closeTimeout see the record description
     * @param shutdownCloseCode see the record description
     * @param compression see the record description
     * @param contextTakeover see the record description
     * @throws IllegalArgumentException naming the invalid option
     */
    public WebSocketConfig {
        Objects.requireNonNull(pingInterval, "pingInterval");
        Objects.requireNonNull(pingTimeout, "pingTimeout");
        Objects.requireNonNull(closeTimeout, "closeTimeout");
        if (maxMessageBytes < 125) {
            throw new IllegalArgumentException("WebSocketConfig.maxMessageBytes must be at least 125: "
                    + maxMessageBytes);
        }
        if (inboundQueue < 1) {
            throw new IllegalArgumentException("WebSocketConfig.inboundQueue must be at least 1: " + inboundQueue);
        }
        if (pingInterval.isNegative()) {
            throw new IllegalArgumentException("WebSocketConfig.pingInterval < 0: " + pingInterval);
        }
        if (pingTimeout.isNegative() || pingTimeout.isZero()) {
            throw new IllegalArgumentException("WebSocketConfig.pingTimeout must be positive: " + pingTimeout);
        }
        if (closeTimeout.isNegative() || closeTimeout.isZero()) {
            throw new IllegalArgumentException("WebSocketConfig.closeTimeout must be positive: " + closeTimeout);
        }
        if (!CloseCodes.isValid(shutdownCloseCode)) {
            throw new IllegalArgumentException("WebSocketConfig.shutdownCloseCode " + shutdownCloseCode
                    + " cannot be sent in a close frame; use 1001 (going away) or 1012 (service restart)");
        }
    }

    /**
     * Returns a builder with the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a builder initialised with this configuration.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        return new Builder().maxMessageBytes(maxMessageBytes).inboundQueue(inboundQueue).pingInterval(pingInterval)
                .pingTimeout(pingTimeout).closeTimeout(closeTimeout).shutdownCloseCode(shutdownCloseCode)
                .compression(compression).contextTakeover(contextTakeover);
    }

    /** Builds a {@link WebSocketConfig}. Not thread-safe. */
    public static final class Builder {
        private int maxMessageBytes = 16 * 1024 * 1024;
        private int inboundQueue = 16;
        private Duration pingInterval = Duration.ofSeconds(20);
        private Duration pingTimeout = Duration.ofSeconds(20);
        private Duration closeTimeout = Duration.ofSeconds(5);
        private int shutdownCloseCode = CloseCodes.GOING_AWAY;
        private boolean compression = true;
        private boolean contextTakeover = true;

        private Builder() {
        }

        /**
         * Sets the largest accepted message, after inflation.
         *
         * @param bytes at least 125 (default 16 MiB)
         * @return this builder
         */
        public Builder maxMessageBytes(int bytes) {
            this.maxMessageBytes = bytes;
            return this;
        }

        /**
         * Sets how many received messages may wait for the handler before reading pauses.
         *
         * @param messages at least 1 (default 16)
         * @return this builder
         */
        public Builder inboundQueue(int messages) {
            this.inboundQueue = messages;
            return this;
        }

        /**
         * Sets the keepalive ping interval.
         *
         * @param interval the interval (default 20 s); zero disables keepalive
         * @return this builder
         */
        public Builder pingInterval(Duration interval) {
            this.pingInterval = interval;
            return this;
        }

        /**
         * Sets how long a keepalive ping waits for its pong.
         *
         * @param timeout positive (default 20 s)
         * @return this builder
         */
        public Builder pingTimeout(Duration timeout) {
            this.pingTimeout = timeout;
            return this;
        }

        /**
         * Sets how long the closing handshake may take.
         *
         * @param timeout positive (default 5 s)
         * @return this builder
         */
        public Builder closeTimeout(Duration timeout) {
            this.closeTimeout = timeout;
            return this;
        }

        /**
         * Sets the close code sent to open sessions at server shutdown.
         *
         * @param code 1001 (default) or 1012, or another sendable code
         * @return this builder
         */
        public Builder shutdownCloseCode(int code) {
            this.shutdownCloseCode = code;
            return this;
        }

        /**
         * Enables or disables permessage-deflate.
         *
         * @param enabled whether to accept a client's offer (default {@code true})
         * @return this builder
         */
        public Builder compression(boolean enabled) {
            this.compression = enabled;
            return this;
        }

        /**
         * Chooses whether compression keeps its context across messages.
         *
         * @param takeover {@code true} (default) for better ratios, {@code false} to save memory
         * @return this builder
         */
        public Builder contextTakeover(boolean takeover) {
            this.contextTakeover = takeover;
            return this;
        }

        /**
         * Builds the configuration.
         *
         * @return the configuration
         * @throws IllegalArgumentException naming an invalid option
         */
        public WebSocketConfig build() {
            return new WebSocketConfig(maxMessageBytes, inboundQueue, pingInterval, pingTimeout, closeTimeout,
                    shutdownCloseCode, compression, contextTakeover);
        }
    }
}
