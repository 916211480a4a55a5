package io.gyre.runtime;

import io.gyre.runtime.internal.LoopGroupImpl;
import java.time.Duration;
import java.util.List;

/**
 * A fixed set of {@link Loop}s, by default one per available processor.
 *
 * <p>Thread-safety: every method may be called from any thread.
 */
public sealed interface LoopGroup permits LoopGroupImpl {

    /**
     * Creates a group of {@code size} new loops named {@code prefix-0 ... prefix-(size-1)}.
     *
     * @param prefix the loops' name prefix
     * @param size the number of loops, at least 1
     * @return the group, loops not started
     */
    static LoopGroup create(String prefix, int size) {
        return new LoopGroupImpl(prefix, size);
    }

    /**
     * Returns the loops.
     *
     * @return the loops, in order
     */
    List<Loop> loops();

    /**
     * Returns the next loop in round-robin order.
     *
     * @return a loop
     */
    Loop next();

    /**
     * Returns the number of loops.
     *
     * @return the size
     */
    default int size() {
        return loops().size();
    }

    /** Starts every loop. */
    void start();

    /**
     * Stops every loop and waits for each to close.
     *
     * @param by who is closing them, quoted in later errors
     * @param timeout the bound on waiting
     * @return {@code true} if all closed in time
     */
    boolean close(String by, Duration timeout);
}
