package io.gyre.web.internal;

import io.gyre.web.Provider;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where dependencies come from: per-request providers registered on the builder, test
 * overrides, and the values the lifespan provided.
 *
 * <p>Thread-safety: providers are fixed at build; overrides and singletons are replaced as
 * whole immutable maps (volatile), read by any request thread.
 */
public final class Dependencies {
    private final Map<Class<?>, Provider<?>> providers;
    private volatile Map<Class<?>, Provider<?>> overrides = Map.of();
    private volatile Map<Class<?>, Object> singletons = Map.of();

    public Dependencies(Map<Class<?>, Provider<?>> providers) {
        this.providers = Map.copyOf(providers);
    }

    /** Returns the override or provider of a type. */
    public Optional<Provider<?>> provider(Class<?> type) {
        Map<Class<?>, Provider<?>> current = overrides;
        Provider<?> override = current.isEmpty() ? null : current.get(type);
        if (override != null) {
            return Optional.of(override);
        }
        return Optional.ofNullable(providers.get(type));
    }

    /** Returns a lifespan-provided value. */
    public Optional<Object> singleton(Class<?> type) {
        return Optional.ofNullable(singletons.get(type));
    }

    /** Tells whether a type is registered with the builder (known before startup). */
    public boolean hasProvider(Class<?> type) {
        return providers.containsKey(type);
    }

    /** Tells whether anything can produce the type now. */
    public boolean canResolve(Class<?> type) {
        return providers.containsKey(type) || overrides.containsKey(type) || singletons.containsKey(type);
    }

    public synchronized void override(Class<?> type, Provider<?> provider) {
        Map<Class<?>, Provider<?>> copy = new HashMap<>(overrides);
        copy.put(type, provider);
        overrides = Map.copyOf(copy);
    }

    public synchronized void clearOverrides() {
        overrides = Map.of();
    }

    public void singletons(Map<Class<?>, Object> values) {
        singletons = Map.copyOf(values);
    }

    public Map<Class<?>, Object> singletons() {
        return singletons;
    }

    public java.util.Set<Class<?>> knownTypes() {
        java.util.Set<Class<?>> all = new java.util.TreeSet<>(java.util.Comparator.comparing(Class::getName));
        all.addAll(providers.keySet());
        all.addAll(overrides.keySet());
        all.addAll(singletons.keySet());
        return all;
    }
}
