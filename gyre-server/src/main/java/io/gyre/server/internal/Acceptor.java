package io.gyre.server.internal;

import io.gyre.runtime.IoHandler;
import io.gyre.runtime.Loop;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;

/**
 * The listener: accepts on a loop of its own and hands each connection to the next serving loop,
 * round-robin. Loop-thread only after {@link #register()}, except {@link #close()}.
 */
final class Acceptor implements IoHandler {
    private static final int ACCEPTS_PER_WAKEUP = 64;

    private final ServerCore server;
    private final ServerSocketChannel listener;
    private final Loop loop;
    private final List<LoopContext> targets;
    private SelectionKey key;
    private int next;

    Acceptor(ServerCore server, ServerSocketChannel listener, Loop loop, List<LoopContext> targets) {
        this.server = server;
        this.listener = listener;
        this.loop = loop;
        this.targets = targets;
    }

    void register() {
        key = loop.register(listener, SelectionKey.OP_ACCEPT, this);
    }

    @Override
    public void ready(SelectionKey k) {
        acceptUpTo(ACCEPTS_PER_WAKEUP, Level.WARNING);
    }

    /** Accepts and hands out pending connections until none is left or {@code max} were taken. */
    private void acceptUpTo(int max, Level failureLevel) {
        for (int i = 0; i < max; i++) {
            SocketChannel ch;
            try {
                ch = listener.accept();
            } catch (IOException e) {
                ServerCore.LOG.log(failureLevel, "accept failed: " + e.getMessage());
                return;
            }
            if (ch == null) {
                return;
            }
            hand(ch);
        }
    }

    private void hand(SocketChannel ch) {
        InetSocketAddress peer;
        try {
            ch.configureBlocking(false);
            SocketAddress remote = ch.getRemoteAddress();
            if (remote instanceof InetSocketAddress) { // TCP options do not apply to a Unix domain socket
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            }
            peer = UnixPeer.of(remote);
        } catch (IOException e) {
            close(ch);
            return;
        }
        boolean reject = !server.admitConnection();
        LoopContext target = targets.get(next);
        next = (next + 1) % targets.size();
        if (target.loop == loop) {
            target.open(ch, peer, reject);
        } else {
            try {
                target.loop.execute(() -> target.open(ch, peer, reject));
            } catch (RuntimeException e) {
                server.connectionClosed();
                close(ch);
            }
        }
    }

    private static void close(SocketChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    /**
     * Any thread but the loop's: stops accepting; the port refuses connections once this returns.
     *
     * <p>A channel still registered with a selector keeps its socket open until the selector drops
     * its key, which happens at the loop's next selection, not at {@code close()}. Until then the
     * kernel would go on completing handshakes into a backlog no one reads, and reset those
     * connections at that selection. So the key is cancelled first; a callback posted from
     * another thread after that one runs after the loop's next selection (see {@link Loop}), when
     * the channel is no longer registered: it takes the backlog and closes the socket at once.
     */
    void close() {
        close(() -> { });
    }

    /** {@link #close()}, then runs {@code then} on the loop in the same callback, before it selects again. */
    void close(Runnable then) {
        Runnable last = () -> {
            takeBacklogAndClose();
            then.run();
        };
        if (loop.inLoop()) {
            // no waiting on the loop's own thread: the second step follows the next selection
            stopWatching();
            loop.execute(last);
            return;
        }
        ServerCore.runOn(loop, this::stopWatching);
        ServerCore.runOn(loop, last);
    }

    private void stopWatching() {
        if (key != null) {
            key.cancel();
        }
    }

    private void takeBacklogAndClose() {
        if (listener.isRegistered()) {
            // only if the acceptor loop did not run the first step within runOn's bound
            ServerCore.LOG.log(Level.WARNING, "closing the listener while the acceptor loop has not yet dropped its"
                    + " key (was the loop blocked?): its socket closes at the loop's next selection, and"
                    + " connections made until then are reset");
        }
        // connections the kernel already accepted sit in the backlog; closing the listener would
        // reset them, so take them first: they are served once, with Connection: close
        acceptUpTo(4096, Level.DEBUG);
        try {
            listener.close();
        } catch (IOException e) {
            ServerCore.LOG.log(Level.DEBUG, "closing the listener: " + e.getMessage());
        }
    }
}
