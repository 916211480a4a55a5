package io.gyre.server;

import io.gyre.server.internal.ws.Handshake;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A WebSocket endpoint: the session handler plus what the handshake needs (subprotocols, an
 * acceptor that may refuse) and the session limits. Register it with
 * {@link HttpServer.Builder#webSocket(String, WebSocketEndpoint)}.
 *
 * {@snippet :
 * WebSocketEndpoint chat = WebSocketEndpoint.builder(session -> session.send("hi"))
 *         .subprotocols("chat.v2", "chat.v1")
 *         .acceptor((request, response) -> request.header("Authorization").isPresent())
 *         .config(WebSocketConfig.builder().maxMessageBytes(64 * 1024).build())
 *         .build();
 * }
 *
 * <p>Thread-safety: immutable.
 *
 * @param handler runs each session
 * @param subprotocols the subprotocols the endpoint speaks; the first one the client offers (in
 *     the client's order) is selected
 * @param acceptor decides whether a valid handshake is accepted
 * @param config the session limits and timings; a field left at its built-in default follows the
 *     server-wide default (see {@link WebSocketConfig} for the precedence)
 */
public record WebSocketEndpoint(WebSocketHandler handler, List<String> subprotocols, WebSocketAcceptor acceptor,
        WebSocketConfig config) {

    /**
     * Checks and copies the parts.
     *
     * @param handler runs each session
     * @param subprotocols the subprotocols the endpoint speaks
     * @param acceptor decides whether a valid handshake is accepted
     * @param config the session limits and timings
     */
    public WebSocketEndpoint {
        Objects.requireNonNull(handler, "handler");
        subprotocols = List.copyOf(subprotocols);
        Objects.requireNonNull(acceptor, "acceptor");
        Objects.requireNonNull(config, "config");
    }

    /**
     * Returns the subprotocol the server's handshake selects for a client's offer: the first
     * name offered (in the client's order, across all its lines) that this endpoint speaks.
     *
     * @param offered the values of the request's {@code Sec-WebSocket-Protocol} headers, each a
     *     comma-separated list, such as {@code request.headers().all("Sec-WebSocket-Protocol")}
     * @return the selected subprotocol, or empty if the endpoint speaks none of those offered
     */
    public Optional<String> selectSubprotocol(List<String> offered) {
        return Handshake.selectSubprotocol(offered, subprotocols);
    }

    /**
     * Returns an endpoint with no subprotocols, accepting every valid handshake, with the
     * server-wide WebSocket limits ({@link ServerConfig#webSocketDefaults()}).
     *
     * @param handler runs each session
     * @return the endpoint
     */
    public static WebSocketEndpoint of(WebSocketHandler handler) {
        return builder(handler).build();
    }

    /**
     * Returns a builder.
     *
     * @param handler runs each session
     * @return a new builder
     */
    public static Builder builder(WebSocketHandler handler) {
        return new Builder(handler);
    }

    /** Builds a {@link WebSocketEndpoint}. Not thread-safe. */
    public static final class Builder {
        private final WebSocketHandler handler;
        private List<String> subprotocols = List.of();
        private WebSocketAcceptor acceptor = WebSocketAcceptor.ALL;
        private WebSocketConfig config = WebSocketConfig.DEFAULTS;

        private Builder(WebSocketHandler handler) {
            this.handler = Objects.requireNonNull(handler, "handler");
        }

        /**
         * Sets the subprotocols the endpoint speaks.
         *
         * @param names subprotocol names, e.g. {@code graphql-transport-ws}
         * @return this builder
         */
        public Builder subprotocols(String... names) {
            this.subprotocols = List.of(names);
            return this;
        }

        /**
         * Sets the acceptor (by default every valid handshake is accepted).
         *
         * @param acceptor the acceptor
         * @return this builder
         */
        public Builder acceptor(WebSocketAcceptor acceptor) {
            this.acceptor = Objects.requireNonNull(acceptor, "acceptor");
            return this;
        }

        /**
         * Sets the session limits and timings. Fields the configuration leaves at their built-in
         * defaults follow the server-wide defaults (see {@link WebSocketConfig}); without this
         * call, all of them do.
         *
         * @param config the configuration
         * @return this builder
         */
        public Builder config(WebSocketConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /**
         * Builds the endpoint.
         *
         * @return the endpoint
         */
        public WebSocketEndpoint build() {
            return new WebSocketEndpoint(handler, subprotocols, acceptor, config);
        }
    }
}
