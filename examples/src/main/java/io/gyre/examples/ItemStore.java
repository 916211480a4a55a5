package io.gyre.examples;

import io.gyre.runtime.Gyre;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The demo's database stand-in: items in memory. A real app would open a connection pool here
 * and close it in {@link #close()}.
 *
 * <p>Thread-safety: safe for concurrent use.
 */
public final class ItemStore implements AutoCloseable {
    /**
     * A stored item.
     *
     * @param id the id
     * @param name the name
     * @param price the price
     * @param note an optional note
     */
    public record Item(long id, String name, BigDecimal price, Optional<String> note) {
    }

    private final ConcurrentSkipListMap<Long, Item> items = new ConcurrentSkipListMap<>();
    private final AtomicLong ids = new AtomicLong();
    private volatile boolean closed;

    private ItemStore() {
    }

    /**
     * Opens a store with two sample items.
     *
     * @return the store
     */
    public static ItemStore withSamples() {
        ItemStore store = new ItemStore();
        store.add("Pen", new BigDecimal("1.50"), Optional.empty());
        store.add("Notebook", new BigDecimal("4.20"), Optional.of("squared paper"));
        return store;
    }

    /**
     * Adds an item.
     *
     * @param name the name
     * @param price the price
     * @param note a note
     * @return the stored item with its id
     */
    public Item add(String name, BigDecimal price, Optional<String> note) {
        checkOpen();
        Item item = new Item(ids.incrementAndGet(), name, price, note);
        items.put(item.id(), item);
        return item;
    }

    /**
     * Finds an item.
     *
     * @param id the id
     * @return the item, or empty
     */
    public Optional<Item> find(long id) {
        checkOpen();
        return Optional.ofNullable(items.get(id));
    }

    /**
     * Lists items in id order.
     *
     * @param limit the maximum count
     * @return the items
     */
    public List<Item> list(int limit) {
        checkOpen();
        return items.values().stream().limit(limit).toList();
    }

    /**
     * Logs the item count periodically until cancelled: the lifespan's background work.
     *
     * @param every the period
     */
    public void reportForever(Duration every) {
        while (true) {
            Gyre.sleep(every);
            System.getLogger("io.gyre.examples").log(System.Logger.Level.DEBUG, "store holds {0} items", items.size());
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("ItemStore is closed (the app shut down); use it only while the app runs");
        }
    }

    @Override
    public void close() {
        closed = true;
    }
}
