package io.gyre.server;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Named values an app shares between its lifespan hooks and its requests (Starlette's
 * {@code app.state}): startup puts a pool here, requests read it, shutdown closes it.
 *
 * <p>Thread-safety: safe for concurrent use.
 */
public final class AppState {
    private final ConcurrentHashMap<String, Object> values = new ConcurrentHashMap<>();

    /** Creates an empty state. */
    public AppState() {
    }

    /**
     * Stores a value, replacing any previous one.
     *
     * @param name the name
     * @param value the value
     */
    public void put(String name, Object value) {
        values.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
    }

    /**
     * Returns a value.
     *
     * @param <T> the expected type
     * @param name the name
     * @param type the expected type
     * @return the value, or empty if none is stored
     * @throws ClassCastException if the value is not a {@code type}
     */
    public <T> Optional<T> get(String name, Class<T> type) {
        Object v = values.get(name);
        return v == null ? Optional.empty() : Optional.of(type.cast(v));
    }

    /**
     * Returns a value that must be present.
     *
     * @param <T> the expected type
     * @param name the name
     * @param type the expected type
     * @return the value
     * @throws IllegalStateException if no value is stored under {@code name}
     * @throws ClassCastException if the value is not a {@code type}
     */
    public <T> T require(String name, Class<T> type) {
        return get(name, type).orElseThrow(() -> new IllegalStateException("app state has no '" + name
                + "' (it holds " + values.keySet() + "); put it there in a startup hook:"
                + " builder.onStartup(state -> state.put(\"" + name + "\", ...))"));
    }

    /**
     * Removes a value.
     *
     * @param name the name
     * @return the removed value, or empty
     */
    public Optional<Object> remove(String name) {
        return Optional.ofNullable(values.remove(name));
    }

    @Override
    public String toString() {
        return "AppState" + values.keySet();
    }
}
