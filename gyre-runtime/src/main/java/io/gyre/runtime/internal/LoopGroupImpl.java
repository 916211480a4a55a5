package io.gyre.runtime.internal;

import io.gyre.runtime.Loop;
import io.gyre.runtime.LoopGroup;
import io.gyre.runtime.Report;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** A fixed array of loops with a round-robin cursor. */
public final class LoopGroupImpl implements LoopGroup {
    private final List<Loop> loops;
    private final AtomicInteger cursor = new AtomicInteger();

    /**
     * Creates the loops.
     *
     * @param prefix name prefix
     * @param size number of loops
     */
    public LoopGroupImpl(String prefix, int size) {
        this(prefix, size, Reports.LOGGER, null);
    }

    LoopGroupImpl(String prefix, int size, Consumer<Report> reporter, RuntimeCore core) {
        if (size < 1) {
            throw new IllegalArgumentException("loop group size must be >= 1: " + size);
        }
        List<Loop> l = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            l.add(new LoopImpl(prefix + "-" + i, reporter, core));
        }
        this.loops = List.copyOf(l);
    }

    @Override
    public List<Loop> loops() {
        return loops;
    }

    @Override
    public Loop next() {
        return loops.get(Math.floorMod(cursor.getAndIncrement(), loops.size()));
    }

    @Override
    public void start() {
        loops.forEach(Loop::start);
    }

    @Override
    public boolean close(String by, Duration timeout) {
        loops.forEach(l -> l.stop(by));
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean all = true;
        for (Loop l : loops) {
            all &= l.awaitClosed(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        }
        return all;
    }
}
