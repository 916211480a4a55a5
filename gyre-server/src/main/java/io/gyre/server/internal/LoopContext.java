package io.gyre.server.internal;

import io.gyre.runtime.ClosedException;
import io.gyre.runtime.Loop;
import io.gyre.runtime.LoopState;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * The server's state on one loop: its connections, its buffer pool, and the sweep that enforces
 * connection deadlines (header read, keep-alive idle, linger). Loop-thread only.
 */
final class LoopContext {
    final Loop loop;
    final BufferPool pool = new BufferPool();
    private final ServerCore server;
    private final Set<Connection> connections = new HashSet<>();
    private final Duration tick;
    private boolean stopped;

    LoopContext(ServerCore server, Loop loop) {
        this.server = server;
        this.loop = loop;
        long shortest = Math.min(Math.min(server.config().headerReadTimeout().toMillis(),
                server.config().keepAliveTimeout().toMillis()), Math.min(server.config().bodyReadTimeout().toMillis(),
                server.config().writeTimeout().toMillis()));
        this.tick = Duration.ofMillis(Math.clamp(shortest / 8, 10, 500));
    }

    void start() {
        loop.execute(this::scheduleSweep);
    }

    private void scheduleSweep() {
        if (!stopped) {
            try {
                loop.callLater(tick, this::sweep);
            } catch (ClosedException e) {
                stopped = true;
            }
        }
    }

    private void sweep() {
        if (stopped) {
            return;
        }
        long now = System.nanoTime();
        for (Connection c : connections.toArray(new Connection[0])) {
            if (c.deadlineKind != Connection.NO_DEADLINE && now - c.deadline >= 0) {
                c.onDeadline();
            }
            if (c.output.stalled(now)) {
                c.writeStalled();
            }
        }
        scheduleSweep();
    }

    /**
     * Loop: takes over an accepted channel. On a loop in its last turns (stopping or closed, or
     * after {@link #closeAll()}) the channel is closed and uncounted instead: registered there, it
     * would be closed by the loop behind its connection's back, and counted as open for good.
     */
    void open(SocketChannel ch, java.net.InetSocketAddress peer, boolean reject) {
        if (stopped || loop.state() != LoopState.RUNNING) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // dropped either way
            }
            server.connectionClosed();
            return;
        }
        new Connection(server, this, ch, peer).open(reject);
    }

    void add(Connection c) {
        connections.add(c);
    }

    void remove(Connection c) {
        connections.remove(c);
    }

    /** Loop: shutdown began. */
    void drain() {
        for (Connection c : connections.toArray(new Connection[0])) {
            c.beginDrain();
        }
    }

    /** Loop: the end: closes every connection and stops the sweep. */
    void closeAll() {
        stopped = true;
        for (Connection c : connections.toArray(new Connection[0])) {
            c.closeNow();
        }
    }
}
