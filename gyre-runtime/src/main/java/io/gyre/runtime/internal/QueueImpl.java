package io.gyre.runtime.internal;

import io.gyre.runtime.Cancellation;
import io.gyre.runtime.CancelledException;
import io.gyre.runtime.QueueShutDownException;
import io.gyre.runtime.TaskQueue;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The {@link TaskQueue} implementation for all three orders.
 *
 * @param <E> the item type
 */
public final class QueueImpl<E> implements TaskQueue<E> {
    /*
     * Overview: `mutex` guards every mutable field below. Waiting takers and putters queue up
     * in FIFO order as Waiters. Wakeups carry reservations rather than items: a taker woken with
     * a grant owns one of `reservedItems` (an item that stays in `items` until it takes it), a
     * putter woken with a grant owns one of `reservedSlots`. A fast-path caller sees only what is
     * not reserved, so nothing is stolen from a woken waiter; a woken waiter that is cancelled
     * drops its reservation and wakes the next waiter, so nothing is lost; and since items move
     * only on the caller's own thread, a cancelled taker removed nothing and a cancelled putter
     * added nothing. Shutdown wakes everyone without a grant; they re-check and throw.
     */
    private final Order order;
    private final int capacity;
    private final Queue<E> items;
    private final ReentrantLock mutex = new ReentrantLock();
    private final java.util.concurrent.locks.Condition allDone = mutex.newCondition();
    private final ArrayDeque<Waiter> takers = new ArrayDeque<>();
    private final ArrayDeque<Waiter> putters = new ArrayDeque<>();
    private int reservedItems;
    private int reservedSlots;
    private long unfinished;
    private String shutDownBy;

    private QueueImpl(Order order, int capacity, Queue<E> items) {
        this.order = order;
        this.capacity = capacity;
        this.items = items;
    }

    /**
     * Creates a queue.
     *
     * @param <E> the item type
     * @param order the order
     * @param capacity the capacity, 0 for unbounded
     * @param comparator for PRIORITY, or null for natural order
     * @return the queue
     */
    public static <E> QueueImpl<E> create(Order order, int capacity, Comparator<? super E> comparator) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity < 0: " + capacity);
        }
        Queue<E> items = switch (order) {
            case FIFO -> new ArrayDeque<>();
            case LIFO -> Collections.asLifoQueue(new ArrayDeque<>());
            case PRIORITY -> new PriorityQueue<>(comparator);
        };
        return new QueueImpl<>(order, capacity, items);
    }

    @Override
    public void put(E item) {
        Objects.requireNonNull(item, "item");
        Cancellation.checkpoint();
        mutex.lock();
        try {
            checkOpen("put");
            if (freeSlots() > 0) {
                insert(item);
                return;
            }
            Waiter.refuseOnLoopThread(() -> this + " (full)", "put()", "Use tryPut(item) there");
            Waiter w = new Waiter(mutex);
            putters.addLast(w);
            CancelledException cancelled = w.await(Waiter.NO_DEADLINE);
            boolean granted = w.granted();
            if (granted) {
                w.consumeGrant();
                reservedSlots--;
            }
            if (cancelled != null) {
                if (granted) {
                    wakePutters(); // our slot goes to the next putter
                } else {
                    putters.remove(w);
                }
                throw cancelled;
            }
            checkOpen("put");
            insert(item);
        } finally {
            mutex.unlock();
        }
    }

    @Override
    public boolean tryPut(E item) {
        Objects.requireNonNull(item, "item");
        mutex.lock();
        try {
            checkOpen("tryPut");
            if (freeSlots() > 0) {
                insert(item);
                return true;
            }
            return false;
        } finally {
            mutex.unlock();
        }
    }

    @Override
    public E take() {
        Cancellation.checkpoint();
        mutex.lock();
        try {
            if (availableItems() > 0) {
                return remove();
            }
            checkOpen("take");
            Waiter.refuseOnLoopThread(() -> this + " (empty)", "take()", "Use tryTake() there");
            Waiter w = new Waiter(mutex);
            takers.addLast(w);
            CancelledException cancelled = w.await(Waiter.NO_DEADLINE);
            boolean granted = w.granted();
            if (granted) {
                w.consumeGrant();
                reservedItems--;
            }
            if (cancelled != null) {
                if (granted) {
                    wakeTakers(); // our item goes to the next taker
                } else {
                    takers.remove(w);
                }
                throw cancelled;
            }
            if (granted && !items.isEmpty()) {
                return remove();
            }
            // woken by shutdown (or an immediate shutdown discarded our item)
            if (availableItems() > 0) {
                return remove();
            }
            throw shutDown("take");
        } finally {
            mutex.unlock();
        }
    }

    @Override
    public Optional<E> tryTake() {
        mutex.lock();
        try {
            if (availableItems() > 0) {
                return Optional.of(remove());
            }
            checkOpen("tryTake");
            return Optional.empty();
        } finally {
            mutex.unlock();
        }
    }

    @Override
    public void taskDone() {
        mutex.lock();
        try {
            if (unfinished <= 0) {
                throw new IllegalStateException(this + ": taskDone() was called by " + Waiter.caller()
                        + " more times than items were put. Call it exactly once per item taken, after the"
                        + " item is processed (try { handle(item); } finally { queue.taskDone(); }).");
            }
            if (--unfinished == 0) {
                allDone.signalAll();
            }
        } finally {
            mutex.unlock();
        }
    }

    @Override
    public void join() {
        Cancellation.checkpoint();
        mutex.lock();
        try {
            if (unfinished > 0) {
                Waiter.refuseOnLoopThread(() -> this + " (" + unfinished + " unfinished items)", "join()",
                        "Check statistics().unfinished() there");
            }
            while (unfinished > 0) {
                allDone.await();
            }
        } catch (InterruptedException e) {
            throw TaskImpl.interrupted(TaskImpl.current());
        } finally {
            mutex.unlock();
        }
    }

    @Override
    public void shutdown(boolean immediate) {
        mutex.lock();
        try {
            if (shutDownBy == null) {
                shutDownBy = (immediate ? "shut down immediately by " : "shut down by ") + Waiter.caller();
            }
            if (immediate) {
                int discarded = items.size();
                items.clear();
                unfinished = Math.max(0, unfinished - discarded);
                if (unfinished == 0) {
                    allDone.signalAll();
                }
            }
            while (!putters.isEmpty()) {
                putters.pollFirst().wake(false);
            }
            wakeTakers();
            while (!takers.isEmpty()) {
                takers.pollFirst().wake(false);
            }
        } finally {
            mutex.unlock();
        }
    }

    @Override
    public boolean isShutDown() {
        mutex.lock();
        try {
            return shutDownBy != null;
        } finally {
            mutex.unlock();
        }
    }

    @Override
    public int size() {
        mutex.lock();
        try {
            return items.size();
        } finally {
            mutex.unlock();
        }
    }

    @Override
    public int capacity() {
        return capacity;
    }

    @Override
    public Statistics statistics() {
        mutex.lock();
        try {
            return new Statistics(order, items.size(), capacity, unfinished, takers.size(), putters.size(),
                    shutDownBy != null);
        } finally {
            mutex.unlock();
        }
    }

    // ---------------------------------------------------------------------- under the mutex

    private int freeSlots() {
        if (capacity == 0) {
            return putters.isEmpty() ? Integer.MAX_VALUE : 0;
        }
        return capacity - items.size() - reservedSlots;
    }

    private int availableItems() {
        return items.size() - reservedItems;
    }

    private void insert(E item) {
        items.add(item);
        unfinished++;
        wakeTakers();
    }

    private E remove() {
        E item = items.remove();
        wakePutters();
        return item;
    }

    private void wakeTakers() {
        while (!takers.isEmpty() && availableItems() > 0) {
            reservedItems++;
            takers.pollFirst().wake(true);
        }
    }

    private void wakePutters() {
        while (!putters.isEmpty() && shutDownBy == null && capacity - items.size() - reservedSlots > 0) {
            reservedSlots++;
            putters.pollFirst().wake(true);
        }
    }

    private void checkOpen(String op) {
        if (shutDownBy != null) {
            throw shutDown(op);
        }
    }

    private QueueShutDownException shutDown(String op) {
        return new QueueShutDownException(this + " was " + shutDownBy + (op.endsWith("ake") ? " and is empty" : "")
                + "; " + Waiter.caller() + " called " + op + "(). Producers stop at shutdown; consumers treat"
                + " QueueShutDownException as the end of the stream.");
    }

    @Override
    public String toString() {
        return "TaskQueue(" + order + ", " + (capacity == 0 ? "unbounded" : "capacity " + capacity) + ")";
    }

    /**
     * Test hook: holding this mutex freezes the queue, so a wakeup and a cancel can be made to race.
     *
     * @return the mutex
     */
    public ReentrantLock mutex() {
        return mutex;
    }
}
