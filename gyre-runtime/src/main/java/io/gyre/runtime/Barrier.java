package io.gyre.runtime;

import io.gyre.runtime.internal.TaskImpl;
import io.gyre.runtime.internal.Waiter;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A meeting point for a fixed number of tasks: asyncio's {@code Barrier}.
 *
 * <p>Each task calls {@link #await()}; the call returns in all of them once {@code parties}
 * tasks have arrived, and the barrier is then ready for the next round. A task cancelled while
 * waiting leaves the round (it no longer counts as arrived). {@link #abort()} breaks the barrier:
 * waiting and future callers get {@link BrokenBarrierException} until {@link #reset()}.
 *
 * {@snippet :
 * Barrier start = Barrier.create(3);
 * TaskGroup.run(g -> {
 *     for (int i = 0; i < 3; i++) {
 *         g.spawn("runner-" + i, () -> { start.await(); return run(); });
 *     }
 *     return null;
 * });
 * }
 *
 * <p>Thread-safety: every method may be called from any thread.
 */
public final class Barrier {
    /*
     * Overview: `mutex` guards `round`, `arrived` and `aborted`; `tripped` is signalled (all)
     * when a round completes or breaks. Each round is a Round object, so tasks released from a
     * round are never confused with arrivals for the next one.
     */

    /**
     * A snapshot of the barrier's state.
     *
     * @param parties how many tasks a round needs
     * @param waiting how many tasks wait in the current round
     * @param broken whether the barrier is broken (aborted)
     */
    public record Statistics(int parties, int waiting, boolean broken) {
    }

    /** One round; `brokenBy` is guarded by the barrier's mutex. */
    private static final class Round {
        String brokenBy;
    }

    private final int parties;
    private final ReentrantLock mutex = new ReentrantLock();
    private final java.util.concurrent.locks.Condition tripped = mutex.newCondition();
    private Round round = new Round();
    private int arrived;
    private String aborted;

    private Barrier(int parties) {
        if (parties < 1) {
            throw new IllegalArgumentException("parties < 1: " + parties);
        }
        this.parties = parties;
    }

    /**
     * Creates a barrier for {@code parties} tasks.
     *
     * @param parties how many tasks must arrive to release a round
     * @return the barrier
     * @throws IllegalArgumentException if {@code parties < 1}
     */
    public static Barrier create(int parties) {
        return new Barrier(parties);
    }

    /**
     * Arrives at the barrier and waits for the other parties. Blocking; cancellable.
     *
     * @return the arrival index in this round, from {@code 0} (first) to {@code parties - 1}
     *     (the task whose arrival released the round)
     * @throws BrokenBarrierException if the barrier is broken, or is aborted or reset while waiting
     * @throws CancelledException if the caller is cancelled while waiting (it leaves the round)
     */
    public int await() {
        Cancellation.checkpoint();
        mutex.lock();
        try {
            if (aborted != null) {
                throw broken(aborted);
            }
            Round mine = round;
            int index = arrived++;
            if (arrived == parties) {
                round = new Round();
                arrived = 0;
                tripped.signalAll();
                return index;
            }
            try {
                while (round == mine && mine.brokenBy == null) {
                    tripped.await();
                }
            } catch (InterruptedException e) {
                if (round == mine && mine.brokenBy == null) {
                    arrived--; // leave the round; it still needs `parties` live arrivals
                }
                throw TaskImpl.interrupted(TaskImpl.current());
            }
            if (mine.brokenBy != null) {
                throw broken(mine.brokenBy);
            }
            return index;
        } finally {
            mutex.unlock();
        }
    }

    /**
     * Breaks the barrier: waiting tasks and later {@link #await()} calls throw
     * {@link BrokenBarrierException} until {@link #reset()}. Never blocks.
     */
    public void abort() {
        mutex.lock();
        try {
            String by = "aborted by " + Waiter.caller();
            aborted = by;
            round.brokenBy = by;
            round = new Round();
            arrived = 0;
            tripped.signalAll();
        } finally {
            mutex.unlock();
        }
    }

    /**
     * Returns the barrier to its empty state: tasks waiting in the current round throw
     * {@link BrokenBarrierException}; a broken barrier becomes usable again. Never blocks.
     */
    public void reset() {
        mutex.lock();
        try {
            if (arrived > 0) {
                round.brokenBy = "reset by " + Waiter.caller();
                round = new Round();
                arrived = 0;
                tripped.signalAll();
            }
            aborted = null;
        } finally {
            mutex.unlock();
        }
    }

    /**
     * Returns how many tasks a round needs.
     *
     * @return the parties
     */
    public int parties() {
        return parties;
    }

    /**
     * Tells whether the barrier is broken.
     *
     * @return {@code true} after {@link #abort()} and before {@link #reset()}
     */
    public boolean isBroken() {
        mutex.lock();
        try {
            return aborted != null;
        } finally {
            mutex.unlock();
        }
    }

    /**
     * Returns a snapshot of the barrier's state.
     *
     * @return the statistics
     */
    public Statistics statistics() {
        mutex.lock();
        try {
            return new Statistics(parties, arrived, aborted != null);
        } finally {
            mutex.unlock();
        }
    }

    private BrokenBarrierException broken(String how) {
        return new BrokenBarrierException("Barrier for " + parties + " parties is broken (" + how + "); "
                + Waiter.caller() + " cannot wait on it. Call reset() to use it again, or create a new one.");
    }
}
