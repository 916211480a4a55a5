package io.gyre.server.internal.ws;

import io.gyre.server.WebSocketConfig;

/**
 * Which WebSocket setting a session gets: the endpoint's own, else the server-wide default, else
 * the built-in one.
 *
 * <p>An endpoint says "not set" by leaving a field at its built-in value
 * ({@link WebSocketConfig#DEFAULTS}): {@code WebSocketEndpoint.of(handler)}, a builder without
 * {@code config(...)}, and a config built with only some setters all leave the rest there. A field
 * that differs from the built-in value is the endpoint's own and wins. This keeps
 * {@link WebSocketConfig} a plain record (no hidden "was set" state, equal configs behave alike)
 * at one cost: an endpoint cannot pin exactly the built-in value against a different server
 * default, so a server-wide {@code compression=false} is an off switch for every endpoint.
 *
 * <p>Only the fields with a server-wide option are merged (message size, inbound queue, ping
 * interval and timeout, compression); the others are always the endpoint's.
 */
public final class WebSocketPrecedence {
    private WebSocketPrecedence() {
    }

    /**
     * Returns the configuration a session of an endpoint runs with.
     *
     * @param endpoint the endpoint's configuration
     * @param server the server-wide defaults ({@code ServerConfig.webSocketDefaults()})
     * @return the merged configuration
     */
    public static WebSocketConfig resolve(WebSocketConfig endpoint, WebSocketConfig server) {
        WebSocketConfig builtIn = WebSocketConfig.DEFAULTS;
        if (endpoint.equals(builtIn)) {
            return server;
        }
        if (server.equals(builtIn)) {
            return endpoint;
        }
        return endpoint.toBuilder()
                .maxMessageBytes(endpoint.maxMessageBytes() != builtIn.maxMessageBytes()
                        ? endpoint.maxMessageBytes() : server.maxMessageBytes())
                .inboundQueue(endpoint.inboundQueue() != builtIn.inboundQueue()
                        ? endpoint.inboundQueue() : server.inboundQueue())
                .pingInterval(!endpoint.pingInterval().equals(builtIn.pingInterval())
                        ? endpoint.pingInterval() : server.pingInterval())
                .pingTimeout(!endpoint.pingTimeout().equals(builtIn.pingTimeout())
                        ? endpoint.pingTimeout() : server.pingTimeout())
                .compression(endpoint.compression() != builtIn.compression()
                        ? endpoint.compression() : server.compression())
                .build();
    }
}
