package io.gyre.runtime.internal;

import java.util.Arrays;

/**
 * The virtual threads a loop's callbacks started during one turn of the loop, started together at
 * the end of the turn.
 *
 * <p>Thread-safety: loop thread only.
 */
final class StartBatch {
    /*
     * Overview: starting a virtual thread wakes a parked carrier, and the kernel often switches to
     * the woken carrier at once (wake-up preemption), most of all when the loop and the carrier
     * share a CPU. A loop that started one task per request then ping-ponged: start, switch to the
     * carrier, run that one task, park, switch back, start the next. Held until the end of the
     * turn, the threads are started by one starter thread instead: the loop wakes the carrier once,
     * and the carrier starts and runs the whole batch before the loop runs again. Their responses,
     * posted while the loop is runnable, need no wake-up either. A batch of one is started directly.
     *
     * Holding a start back is invisible to the tasks: a task's thread is created (and inherits
     * from the loop thread) when it is spawned, only its start waits for the end of the turn, and
     * a task cancelled in between is cancelled before it starts (its body never runs).
     */
    private final String starterName;
    private TaskImpl<?>[] held = new TaskImpl<?>[16];
    private int count;

    StartBatch(String loopName) {
        this.starterName = loopName + "-starter";
    }

    /** Holds the start of {@code t}'s thread until {@link #startAll}. */
    void add(TaskImpl<?> t) {
        if (count == held.length) {
            held = Arrays.copyOf(held, count * 2);
        }
        held[count++] = t;
    }

    /**
     * Starts what was held: one task directly, more through one starter thread. A task whose
     * thread cannot start ends failed with the reason (see TaskImpl.launch); the others still start.
     */
    void startAll() {
        int n = count;
        if (n == 0) {
            return;
        }
        if (n == 1) {
            TaskImpl<?> t = held[0];
            held[0] = null;
            count = 0;
            t.launch();
            return;
        }
        TaskImpl<?>[] batch = Arrays.copyOf(held, n);
        Arrays.fill(held, 0, n, null);
        count = 0;
        Runnable launchAll = () -> {
            for (TaskImpl<?> t : batch) {
                t.launch();
            }
        };
        try {
            Thread.ofVirtual().name(starterName).start(launchAll);
        } catch (RuntimeException | Error e) {
            launchAll.run(); // no starter thread: the loop starts them itself
        }
    }
}
