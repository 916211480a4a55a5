package io.gyre.runtime.internal;

import java.util.Arrays;

/**
 * The bindings of the registered {@link ScopedValue}s, captured on one thread and re-bound on
 * another. Capturing with nothing registered or bound returns {@link #EMPTY} and costs a field
 * read.
 */
public final class ContextSnapshot {
    /** The snapshot with no bindings. */
    public static final ContextSnapshot EMPTY = new ContextSnapshot(null);

    /* Copy-on-write: written under the class lock, read without it. */
    private static volatile ScopedValue<?>[] registered = new ScopedValue<?>[0];

    /** Non-null: the carrier re-binding every captured value. */
    private final ScopedValue.Carrier carrier;

    private ContextSnapshot(ScopedValue.Carrier carrier) {
        this.carrier = carrier;
    }

    /**
     * Adds a value to carry across hops.
     *
     * @param value the scoped value
     */
    public static synchronized void register(ScopedValue<?> value) {
        if (Arrays.asList(registered).contains(value)) {
            return;
        }
        ScopedValue<?>[] next = Arrays.copyOf(registered, registered.length + 1);
        next[registered.length] = value;
        registered = next;
    }

    /**
     * Captures the calling thread's bindings of the registered values.
     *
     * @return the snapshot
     */
    public static ContextSnapshot capture() {
        ScopedValue<?>[] values = registered;
        if (values.length == 0) {
            return EMPTY;
        }
        ScopedValue.Carrier c = null;
        for (ScopedValue<?> v : values) {
            if (v.isBound()) {
                c = bind(c, v);
            }
        }
        return c == null ? EMPTY : new ContextSnapshot(c);
    }

    private static <T> ScopedValue.Carrier bind(ScopedValue.Carrier c, ScopedValue<T> v) {
        T value = v.get();
        return c == null ? ScopedValue.where(v, value) : c.where(v, value);
    }

    /**
     * Returns a carrier binding the captured values plus {@code key}.
     *
     * @param <V> the key's type
     * @param key one more scoped value to bind
     * @param value its value
     * @return the carrier
     */
    public <V> ScopedValue.Carrier carrier(ScopedValue<V> key, V value) {
        return carrier == null ? ScopedValue.where(key, value) : carrier.where(key, value);
    }

    /**
     * Runs {@code action} with the captured bindings.
     *
     * @param action what to run
     */
    public void run(Runnable action) {
        if (carrier == null) {
            action.run();
        } else {
            carrier.run(action);
        }
    }

    /**
     * Wraps {@code action} so it runs with the captured bindings.
     *
     * @param action what to run
     * @return {@code action} itself when the snapshot is empty
     */
    public Runnable wrap(Runnable action) {
        return carrier == null ? action : () -> carrier.run(action);
    }
}
