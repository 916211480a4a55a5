package io.gyre.server.internal;

import java.nio.ByteBuffer;

/** The protocol that owns a connection's bytes after an HTTP Upgrade (WebSocket). Loop-thread only. */
interface UpgradedProtocol {
    /** Consumes input; returns true to pause reading until {@link Connection#resumeBody()}. */
    boolean onInput(ByteBuffer in);

    /** The server began its graceful shutdown. */
    void onDrain();

    /** The connection closed (by either side, or by the server's final close). */
    void onClosed();
}
