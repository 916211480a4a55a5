package io.gyre.runtime.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * What a loop thread is running right now and since when, read by the blocked-loop watchdog.
 *
 * <p>Written by the loop thread with release stores (no fence on the hot path), read by the
 * watchdog with acquire loads; a stale read only delays a report by one watchdog tick.
 */
public final class LoopWatch {
    private static final VarHandle CURRENT;
    private static final VarHandle STARTED;
    private static final VarHandle SEQ;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            CURRENT = l.findVarHandle(LoopWatch.class, "current", Object.class);
            STARTED = l.findVarHandle(LoopWatch.class, "startedAt", long.class);
            SEQ = l.findVarHandle(LoopWatch.class, "seq", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // accessed through CURRENT
    private Object current;
    @SuppressWarnings("unused") // accessed through STARTED
    private long startedAt;
    @SuppressWarnings("unused") // accessed through SEQ
    private long seq;
    private long localSeq;

    void begin(Object what) {
        STARTED.setOpaque(this, System.nanoTime());
        CURRENT.setOpaque(this, what);
        SEQ.setRelease(this, ++localSeq);
    }

    void end() {
        CURRENT.setOpaque(this, null);
        SEQ.setRelease(this, ++localSeq);
    }

    /**
     * Returns the callback running now, or {@code null} if none.
     *
     * @return the callback (a {@link Runnable} or an I/O handler)
     */
    public Object current() {
        return CURRENT.getAcquire(this);
    }

    /**
     * Returns when the current callback started ({@link System#nanoTime()}).
     *
     * @return the start time
     */
    public long startedAt() {
        return (long) STARTED.getAcquire(this);
    }

    /**
     * Returns a counter that changes whenever a callback starts or ends.
     *
     * @return the sequence
     */
    public long sequence() {
        return (long) SEQ.getAcquire(this);
    }

    /**
     * Describes a running callback for a report.
     *
     * @param what the callback
     * @return its description
     */
    public static String describe(Object what) {
        return what instanceof Runnable r ? Described.describe(r) : String.valueOf(what);
    }
}
