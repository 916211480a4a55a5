package io.gyre.runtime.internal;

import io.gyre.runtime.Loop;
import io.gyre.runtime.LoopState;
import io.gyre.runtime.Report;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The blocked-loop watchdog: one daemon platform thread per runner that samples every loop's
 * {@link LoopWatch} and reports a callback running past the threshold while it still runs (with
 * the loop thread's stack), then again with its total duration once it ended.
 */
final class Watchdog {
    /*
     * Overview: every tick (threshold / 4) the thread reads each loop's (sequence, current,
     * startedAt). A callback is identified by its sequence number: begin() and end() both bump
     * it, so an unchanged sequence with a non-null current means "the same callback is still
     * running". While a reported callback is outstanding the tick shrinks to at most
     * 5 ms so that its end, and so its total duration, is seen promptly.
     *
     * Threads: `blocked` is touched only by the watchdog thread; `stopped` is volatile and set
     * by the runner's shutdown, which then unparks the thread and waits (bounded) for its last
     * pass: the end of every reported callback that ended is reported before the runner closes.
     */
    private static final long FAST_TICK_NANOS = Duration.ofMillis(5).toNanos();
    /** How long stop() waits for the thread's last pass. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(1);

    private final List<LoopImpl> loops;
    private final long thresholdNanos;
    private final Consumer<Report> reporter;
    private final Blocked[] blocked;
    private final Thread thread;
    private volatile boolean stopped;

    /** What the watchdog reported for one loop and has not yet seen end. */
    private record Blocked(long sequence, long startedAt, String description) {
    }

    Watchdog(String name, List<LoopImpl> loops, Duration threshold, Consumer<Report> reporter) {
        this.loops = List.copyOf(loops);
        this.thresholdNanos = threshold.toNanos();
        this.reporter = reporter;
        this.blocked = new Blocked[this.loops.size()];
        this.thread = Thread.ofPlatform().name(name).daemon(true).unstarted(this::watch);
    }

    void start() {
        thread.start();
    }

    /**
     * Stops the thread and waits (bounded) until it has reported the end of every reported
     * callback that ended: the runner's close may follow a callback's end within a millisecond,
     * sooner than the next tick.
     */
    void stop() {
        stopped = true;
        LockSupport.unpark(thread);
        if (Thread.currentThread() != thread && thread.getState() != Thread.State.NEW) {
            try {
                thread.join(STOP_WAIT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the close goes on; only a last end report may be missed
            }
        }
    }

    private void watch() {
        long tick = Math.max(1_000_000L, thresholdNanos / 4);
        while (!stopped) {
            boolean outstanding = false;
            for (int i = 0; i < loops.size(); i++) {
                outstanding |= check(i);
            }
            LockSupport.parkNanos(outstanding ? Math.min(tick, FAST_TICK_NANOS) : tick);
        }
        long now = System.nanoTime();
        for (int i = 0; i < loops.size(); i++) {
            Blocked b = blocked[i];
            if (b == null) {
                continue;
            }
            LoopWatch w = loops.get(i).watch();
            if (!stillRunning(b, w.sequence(), w.current())) {
                ended(i, b, now); // measured to now: at most one tick and the close longer than it ran
            }
        }
    }

    /** Whether the reported callback {@code b} is the one running now (same sequence, a callback current). */
    private static boolean stillRunning(Blocked b, long seq, Object current) {
        return b.sequence == seq && current != null;
    }

    private void ended(int i, Blocked b, long now) {
        blocked[i] = null;
        reporter.accept(new Report.BlockedLoopEnded(loops.get(i).name(), b.description,
                Duration.ofNanos(now - b.startedAt)));
    }

    /** Checks one loop; returns whether a reported callback is still running on it. */
    private boolean check(int i) {
        LoopImpl loop = loops.get(i);
        LoopWatch w = loop.watch();
        long seq = w.sequence();
        Object current = w.current();
        long started = w.startedAt();
        long now = System.nanoTime();
        Blocked b = blocked[i];
        if (b != null) {
            if (stillRunning(b, seq, current)) {
                return true;
            }
            ended(i, b, now);
        }
        if (current == null || loop.state() == LoopState.CLOSED || now - started < thresholdNanos) {
            return false;
        }
        Thread t = loop.thread();
        List<StackTraceElement> stack = t == null ? List.of() : List.of(t.getStackTrace());
        if (w.sequence() != seq) {
            return false; // it ended while the stack was taken: not worth a report
        }
        String description = LoopWatch.describe(current);
        blocked[i] = new Blocked(seq, started, description);
        reporter.accept(new Report.BlockedLoop(loop.name(), description, Duration.ofNanos(now - started), stack));
        return true;
    }

    static List<LoopImpl> watched(List<Loop> loops, LoopImpl timers) {
        java.util.ArrayList<LoopImpl> all = new java.util.ArrayList<>();
        for (Loop l : loops) {
            all.add((LoopImpl) l);
        }
        all.add(timers);
        return all;
    }
}
