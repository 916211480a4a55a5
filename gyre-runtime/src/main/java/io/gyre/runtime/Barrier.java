package io.gyre.runtime;

import io.gyre.runtime.internal.TaskImpl;
import io.gyre.runtime.internal.Waiter;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A meeting point for a fixed number of tasks: asyncio's {@code Barrier}.
 *
 * <p>Each task calls {@link #await()}; the call returns in all of them once {@code parties}
 * tasks have arrived, and the barrier is then ready for the next round. {@link #abort()} breaks the
 * barrier: waiting and future callers get {@link BrokenBarrierException} until {@link #reset()}.
 * A task cancelled while waiting breaks it too, as in Python's {@code threading.Barrier}: the
 * others would otherwise wait for a party that is not coming.
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
     * Overview: `mutex` guards `round`, `arrived` and `broken`; `tripped` is signalled (all)
     * when a round completes or breaks. Each round is a Round object, so tasks released from a
     * round are never confused with arrivals for the next one.
     */

    /**
     * A snapshot of the barrier's state.
     *
     * @param parties how many tasks a round needs
     * @param waiting how many tasks wait in the current round
     * @param broken whether the barrier is broken (aborted, or a party was cancelled while waiting)
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
    /* Why the barrier is broken (aborted, or a party was cancelled while waiting); null while usable. */
    private String broken;

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
     * @throws CancelledException if the caller is cancelled while waiting; the barrier is then
     *     broken for the other parties
     * @throws IllegalStateException if called on a loop thread and the round is not complete
     */
    public int await() {
        Cancellation.checkpoint();
        mutex.lock();
        try {
            if (broken != null) {
                throw broken(broken);
            }
            Round mine = round;
            if (arrived + 1 == parties) {
                nextRound();
                return parties - 1;
            }
            Waiter.refuseOnLoopThread(() -> "Barrier for " + parties + " parties", "await()",
                    "A loop callback cannot be a party");
            int index = arrived++;
            try {
                while (round == mine && mine.brokenBy == null) {
                    tripped.await();
                }
            } catch (InterruptedException e) {
                if (round == mine && mine.brokenBy == null) {
                    // like threading.Barrier: the others would wait for a party that is not coming
                    breakRound(Waiter.caller() + " was cancelled while waiting");
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
            breakRound("aborted by " + Waiter.caller());
        } finally {
            mutex.unlock();
        }
    }

    /** Breaks the current round and the barrier, until reset(). Mutex held. */
    private void breakRound(String by) {
        broken = by;
        round.brokenBy = by;
        nextRound();
    }

    /** Mutex held: the parties waiting in this round are released; the next round starts empty. */
    private void nextRound() {
        round = new Round();
        arrived = 0;
        tripped.signalAll();
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
                nextRound();
            }
            broken = null;
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
     * @return {@code true} after {@link #abort()} or a cancelled wait, and before {@link #reset()}
     */
    public boolean isBroken() {
        mutex.lock();
        try {
            return broken != null;
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
            return new Statistics(parties, arrived, broken != null);
        } finally {
            mutex.unlock();
        }
    }

    private BrokenBarrierException broken(String how) {
        return new BrokenBarrierException("Barrier for " + parties + " parties is broken (" + how + "); "
                + Waiter.caller() + " cannot wait on it. Call reset() to use it again, or create a new one.");
    }

    /** Test hook: holding this mutex freezes the barrier, so a trip and a cancel can be made to race. */
    ReentrantLock mutex() {
        return mutex;
    }
}
