package io.gyre.runtime.internal;

import io.gyre.runtime.Cancellation;
import io.gyre.runtime.DeadlineExceededException;
import io.gyre.runtime.Task;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Hands out tasks in the order they end: the iterator behind {@code Tasks.asCompleted}.
 *
 * @param <T> the tasks' result type
 */
public final class CompletionOrder<T> implements Iterable<Task<? extends T>>, Iterator<Task<? extends T>> {
    /*
     * Overview: each task's onDone callback (on the ending task's thread) appends it to
     * `ended` under `mutex` and signals `changed`; the consumer takes from `ended`. `mutex`
     * guards `ended`, `handedOut` and `iterated`.
     */
    private final ReentrantLock mutex = new ReentrantLock();
    private final Condition changed = mutex.newCondition();
    private final ArrayDeque<Task<? extends T>> ended = new ArrayDeque<>();
    private final int total;
    private final long deadline;
    private final String timeout;
    private int handedOut;
    private boolean iterated;

    /**
     * Starts watching {@code tasks}.
     *
     * @param tasks distinct tasks
     * @param deadline on the nanoTime clock, or {@link Waiter#NO_DEADLINE}
     * @param timeout the timeout as given, for the message
     */
    public CompletionOrder(Collection<? extends Task<? extends T>> tasks, long deadline, String timeout) {
        this.total = tasks.size();
        this.deadline = deadline;
        this.timeout = timeout;
        for (Task<? extends T> t : tasks) {
            watch(t);
        }
    }

    private <U extends T> void watch(Task<U> t) {
        t.onDone(done -> {
            mutex.lock();
            try {
                ended.addLast(done);
                changed.signalAll();
            } finally {
                mutex.unlock();
            }
        });
    }

    @Override
    public Iterator<Task<? extends T>> iterator() {
        mutex.lock();
        try {
            if (iterated) {
                throw new IllegalStateException("Tasks.asCompleted(...) can be iterated once; call it again to"
                        + " iterate again");
            }
            iterated = true;
            return this;
        } finally {
            mutex.unlock();
        }
    }

    @Override
    public boolean hasNext() {
        mutex.lock();
        try {
            return handedOut < total;
        } finally {
            mutex.unlock();
        }
    }

    /**
     * Returns the next task to end, waiting for it. Blocking; cancellable.
     *
     * @return a task that has ended
     * @throws DeadlineExceededException if the timeout passed first
     */
    @Override
    public Task<? extends T> next() {
        Cancellation.checkpoint();
        mutex.lock();
        try {
            if (handedOut >= total) {
                throw new NoSuchElementException("all " + total + " tasks were handed out");
            }
            while (ended.isEmpty()) {
                if (deadline == Waiter.NO_DEADLINE) {
                    changed.await();
                } else {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new DeadlineExceededException("Tasks.asCompleted: " + (total - handedOut) + " of "
                                + total + " tasks had not ended within " + timeout
                                + "; they were not cancelled");
                    }
                    changed.awaitNanos(left);
                }
            }
            handedOut++;
            return ended.pollFirst();
        } catch (InterruptedException e) {
            throw TaskImpl.interrupted(TaskImpl.current());
        } finally {
            mutex.unlock();
        }
    }
}
