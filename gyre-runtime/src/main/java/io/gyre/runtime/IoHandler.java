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
}
