package io.gyre.runtime;

import java.nio.channels.SelectionKey;

/**
 * Receives I/O readiness for a channel registered with {@link Loop#register}. Runs on the loop
 * thread: it must not block.
 */
@FunctionalInterface
public interface IoHandler {
    /**
     * Called when the channel is ready for some of its interest operations.
     *
     * @param key the channel's key; {@link SelectionKey#readyOps()} says what is ready
     */
    void ready(SelectionKey key);

    /**
     * Called once, on the loop thread, when the loop closes while the channel is still registered
     * with it (its key valid): the loop closes the channel as soon as this returns. An owner that
     * keeps state about the channel (counts, waiting threads, buffers) releases it here, as it
     * would on closing the channel itself. The loop is {@link LoopState#CLOSED} already: posting
     * to it throws {@link ClosedException}. The default does nothing.
     *
     * @param key the channel's key
     */
    default void loopClosed(SelectionKey key) {
    }
}
