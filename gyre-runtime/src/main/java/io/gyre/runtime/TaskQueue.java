package io.gyre.runtime;

import io.gyre.runtime.internal.QueueImpl;
import java.util.Comparator;
import java.util.Optional;

/**
 * A queue that hands items between tasks: asyncio's {@code Queue}, {@code LifoQueue} and
 * {@code PriorityQueue}.
 *
 * <p>{@link #put} waits while the queue is at capacity (capacity {@code 0} means unbounded) and
 * {@link #take} waits while it is empty; waiting tasks are served in arrival order.
 * {@link #tryPut} and {@link #tryTake} never wait. Producers and consumers can account for
 * finished work with {@link #taskDone()} and wait for all of it with {@link #join()}.
 *
 * <p>Cancellation is safe: a {@code take} cancelled while waiting removes no item (also when it
 * was cancelled just as an item became available for it: the item stays for the next taker), and
 * a {@code put} cancelled while waiting inserts nothing.
 *
 * <p>{@link #shutdown()} stops the queue the way asyncio 3.13 does: {@code put} then throws
 * {@link QueueShutDownException}, {@code take} drains the remaining items and then throws; with
 * {@link #shutdown(boolean) shutdown(true)} the remaining items are discarded at once and
 * counted as done, which releases {@link #join()}.
 *
 * {@snippet :
 * TaskQueue<String> urls = TaskQueue.fifo(100);
 * TaskGroup.run(g -> {
 *     g.spawn("crawler", () -> {
 *         while (true) {
 *             String url = urls.take();
 *             try { crawl(url); } finally { urls.taskDone(); }
 *         }
 *     });
 *     urls.put("https://example.org/");
 *     urls.join();       // every url crawled
 *     g.cancel("done");
 *     return null;
 * });
 * }
 *
 * <p>Thread-safety: every method may be called from any thread; the never-blocking ones
 * ({@code try...}, {@code taskDone}, {@code shutdown}, {@code statistics}) also from loop
 * callbacks.
 *
 * @param <E> the type of the items
 */
public sealed interface TaskQueue<E> permits QueueImpl {

    /** The order in which a queue gives out its items. */
    enum Order {
        /** First in, first out. */
        FIFO,
        /** Last in, first out. */
        LIFO,
        /** Smallest first, by natural order or the queue's comparator. */
        PRIORITY
    }

    /**
     * A snapshot of a queue's state.
     *
     * @param order the queue's order
     * @param size how many items it holds
     * @param capacity its capacity, {@code 0} for unbounded
     * @param unfinished items put and not yet marked done with {@link #taskDone()}
     * @param waitingTakers tasks waiting in {@link #take()}
     * @param waitingPutters tasks waiting in {@link #put}
     * @param shutDown whether {@link #shutdown()} was called
     */
    record Statistics(Order order, int size, int capacity, long unfinished, int waitingTakers, int waitingPutters,
            boolean shutDown) {
    }

    /**
     * Creates a first-in, first-out queue.
     *
     * @param <E> the item type
     * @param capacity the most items it holds; {@code 0} for unbounded
     * @return the queue
     * @throws IllegalArgumentException if {@code capacity < 0}
     */
    static <E> TaskQueue<E> fifo(int capacity) {
        return QueueImpl.create(Order.FIFO, capacity, null);
    }

    /**
     * Creates a last-in, first-out queue (a stack).
     *
     * @param <E> the item type
     * @param capacity the most items it holds; {@code 0} for unbounded
     * @return the queue
     * @throws IllegalArgumentException if {@code capacity < 0}
     */
    static <E> TaskQueue<E> lifo(int capacity) {
        return QueueImpl.create(Order.LIFO, capacity, null);
    }

    /**
     * Creates a queue that gives out its smallest item first, by the items' natural order.
     *
     * @param <E> the item type, which must be {@link Comparable}
     * @param capacity the most items it holds; {@code 0} for unbounded
     * @return the queue
     * @throws IllegalArgumentException if {@code capacity < 0}
     */
    static <E extends Comparable<? super E>> TaskQueue<E> priority(int capacity) {
        return QueueImpl.create(Order.PRIORITY, capacity, null);
    }

    /**
     * Creates a queue that gives out its smallest item first, by {@code comparator}.
     *
     * @param <E> the item type
     * @param capacity the most items it holds; {@code 0} for unbounded
     * @param comparator the order of the items
     * @return the queue
     * @throws IllegalArgumentException if {@code capacity < 0}
     */
    static <E> TaskQueue<E> priority(int capacity, Comparator<? super E> comparator) {
        return QueueImpl.create(Order.PRIORITY, capacity, java.util.Objects.requireNonNull(comparator, "comparator"));
    }

    /**
     * Adds {@code item}, waiting while the queue is full. Blocking; cancellable.
     *
     * @param item the item, not null
     * @throws QueueShutDownException if the queue is shut down (also while waiting)
     * @throws CancelledException if the caller is cancelled while waiting; nothing was added
     * @throws IllegalStateException if called on a loop thread while the queue is full
     */
    void put(E item);

    /**
     * Adds {@code item} if there is room now. Never blocks.
     *
     * @param item the item, not null
     * @return {@code true} if added, {@code false} if the queue is full
     * @throws QueueShutDownException if the queue is shut down
     */
    boolean tryPut(E item);

    /**
     * Removes and returns the next item, waiting while the queue is empty. Blocking; cancellable.
     *
     * @return the item
     * @throws QueueShutDownException if the queue is shut down and empty
     * @throws CancelledException if the caller is cancelled while waiting; no item was removed
     * @throws IllegalStateException if called on a loop thread while the queue is empty
     */
    E take();

    /**
     * Removes and returns the next item if there is one. Never blocks.
     *
     * @return the item, or empty if the queue is empty
     * @throws QueueShutDownException if the queue is shut down and empty
     */
    Optional<E> tryTake();

    /**
     * Marks one item taken earlier as fully processed, for {@link #join()}.
     *
     * @throws IllegalStateException if called more times than items were put
     */
    void taskDone();

    /**
     * Waits until every item put has been marked done with {@link #taskDone()} (or discarded by
     * an immediate shutdown). Blocking; cancellable.
     *
     * @throws CancelledException if the caller is cancelled while waiting
     * @throws IllegalStateException if called on a loop thread while items are unfinished
     */
    void join();

    /**
     * Shuts the queue down gracefully: {@code put} fails from now on, {@code take} drains the
     * remaining items and then fails. Tasks waiting in {@code put} (and in {@code take} on an
     * empty queue) are woken and throw {@link QueueShutDownException}. Idempotent.
     */
    default void shutdown() {
        shutdown(false);
    }

    /**
     * Shuts the queue down; if {@code immediate}, also discards the remaining items and counts
     * them as done, so that {@link #join()} returns once nothing else is unfinished.
     *
     * @param immediate whether to discard the remaining items
     */
    void shutdown(boolean immediate);

    /**
     * Tells whether the queue was shut down.
     *
     * @return {@code true} after {@link #shutdown(boolean)}
     */
    boolean isShutDown();

    /**
     * Returns how many items the queue holds.
     *
     * @return the size
     */
    int size();

    /**
     * Returns the capacity.
     *
     * @return the most items the queue holds, {@code 0} for unbounded
     */
    int capacity();

    /**
     * Returns a snapshot of the queue's state.
     *
     * @return the statistics
     */
    Statistics statistics();
}
