package io.gyre.server.internal;

import io.gyre.runtime.Loop;
import io.gyre.server.Handler;
import io.gyre.server.Headers;
import io.gyre.server.Request;
import io.gyre.server.WebSocketConfig;
import io.gyre.server.WebSocketEndpoint;
import io.gyre.server.internal.http.HttpVersion;
import io.gyre.server.internal.http.RequestHead;
import io.gyre.server.internal.ws.Handshake;
import io.gyre.server.internal.ws.WebSocketPrecedence;
import io.gyre.server.internal.ws.WebSocketRoutes;
import io.gyre.server.internal.ws.WsSession;
import io.gyre.server.internal.ws.WsTransport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * The WebSocket upgrade path: routes a request with {@code Upgrade: websocket} to its endpoint,
 * validates the handshake on the request's task, lets the app refuse, answers 101, hands the
 * connection's bytes to a {@link WsSession}, and runs the session's handler on the same task. The
 * session's limits are the endpoint's, merged with the server-wide defaults by
 * {@link WebSocketPrecedence}.
 */
final class WebSocketUpgrades {
    private WebSocketUpgrades() {
    }

    /** Loop: the handler for this request: an upgrade for a WebSocket route, else {@code fallback}. */
    static Handler select(Connection conn, RequestHead head, Handler fallback) {
        WebSocketRoutes routes = conn.server().webSockets();
        if (routes.isEmpty() || !head.upgradeListsWebSocket()) {
            return fallback;
        }
        Optional<WebSocketEndpoint> endpoint = routes.match(head.path());
        if (endpoint.isEmpty()) {
            return fallback;
        }
        WebSocketEndpoint e = endpoint.get();
        return (request, response) -> upgrade(conn, head, e, request, (ResponseImpl) response);
    }

    /** Task: the handshake, then the whole session. */
    private static void upgrade(Connection conn, RequestHead head, WebSocketEndpoint endpoint, Request request,
            ResponseImpl response) throws Exception {
        WebSocketConfig config = WebSocketPrecedence.resolve(endpoint.config(), conn.server().config()
                .webSocketDefaults());
        Handshake.Outcome outcome = Handshake.check(head.method(), head.version() == HttpVersion.HTTP_1_1,
                head.hasBody(), head.headers(), endpoint.subprotocols(), config);
        if (outcome instanceof Handshake.Rejected r) {
            r.headers().forEach(response::header);
            response.status(r.status()).send(HeadWriter.reason(r.status()) + ": " + r.reason() + "\n");
            return;
        }
        Handshake.Accepted accepted = (Handshake.Accepted) outcome;
        if (conn.server().draining()) {
            response.status(503).send("Service Unavailable: the server is shutting down\n");
            return;
        }
        boolean accept = endpoint.acceptor().accept(request, response);
        if (response.isCommitted()) {
            return;
        }
        if (!accept) {
            response.status(403).send("Forbidden: the WebSocket upgrade was refused\n");
            return;
        }
        Headers headers = response.headers().toBuilder().remove("Content-Type").remove("Content-Length")
                .addAll(accepted.responseHeaders()).build();
        ServerCore server = conn.server();
        ByteBuffer head101 = HeadWriter.encode(101, headers, server.config().serverHeader(),
                server.config().dateHeader(), -1, false, HeadWriter.CONNECTION_NONE);
        response.markUpgraded(); // the 101 is its answer: a failure of the session must not send another
        Bridge bridge = new Bridge(conn);
        WsSession session = new WsSession(bridge, request, config, accepted);
        bridge.session = session;
        conn.upgrade(head101, bridge);
        session.run(endpoint.handler());
    }

    /** Connects a session to its connection, both ways. */
    private static final class Bridge implements WsTransport, UpgradedProtocol {
        private final Connection conn;
        private volatile WsSession session;

        Bridge(Connection conn) {
            this.conn = conn;
        }

        @Override
        public Loop loop() {
            return conn.loop();
        }

        @Override
        public void write(ByteBuffer frame) throws IOException {
            conn.output.submit(null, frame, null);
        }

        @Override
        public void awaitWritable() throws IOException {
            conn.output.awaitWritable(null);
        }

        @Override
        public long highWatermark() {
            return conn.server().config().writeHighWatermark();
        }

        @Override
        public void resumeReading() {
            conn.resumeBody();
        }

        @Override
        public void closeAfterFlush() {
            conn.closeGracefully();
        }

        @Override
        public boolean cancelOnDisconnect() {
            return conn.server().config().cancelOnDisconnect();
        }

        @Override
        public void abort() {
            conn.closeNow();
        }

        @Override
        public String peer() {
            return String.valueOf(conn.peer());
        }

        @Override
        public boolean onInput(ByteBuffer in) {
            return session.onInput(in);
        }

        @Override
        public void onDrain() {
            session.onShutdown();
        }

        @Override
        public void onClosed() {
            session.onConnectionClosed();
        }
    }
}
