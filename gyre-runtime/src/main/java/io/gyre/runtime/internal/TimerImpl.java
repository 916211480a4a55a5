package io.gyre.runtime.internal;

import io.gyre.runtime.Timer;

/** A timer in a loop's heap. Ordered by deadline, then by scheduling order (FIFO for ties). */
final class TimerImpl implements Timer, Comparable<TimerImpl>, Runnable {
    final long deadline;
    /* Loop thread only: stamped when the timer enters the heap. */
    long seq;
    final String description;
    final Runnable callback;
    private final LoopImpl loop;
    /* Written by any thread (cancel), read by the loop thread. */
    private volatile boolean cancelled;
    /* Loop thread only: set when the timer ran or was dropped from the heap. */
    boolean done;

    TimerImpl(LoopImpl loop, long deadline, String description, Runnable callback) {
        this.loop = loop;
        this.deadline = deadline;
        this.description = description;
        this.callback = callback;
    }

    @Override
    public boolean cancel() {
        if (cancelled) {
            return false;
        }
        cancelled = true;
        loop.timerCancelled();
        return true;
    }

    @Override
    public void run() {
        callback.run();
    }

    boolean isCancelled() {
        return cancelled;
    }

    @Override
    public long deadline() {
        return deadline;
    }

    @Override
    public int compareTo(TimerImpl o) {
        int c = Long.compare(deadline - o.deadline, 0);
        return c != 0 ? c : Long.compare(seq, o.seq);
    }

    @Override
    public String toString() {
        return description;
    }
}
