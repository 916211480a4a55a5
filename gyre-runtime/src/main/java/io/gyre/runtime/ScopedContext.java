package io.gyre.runtime;

import io.gyre.runtime.internal.ContextSnapshot;

/**
 * Declares which {@link ScopedValue}s Gyre carries across its thread hops (task spawn, offload,
 * loop callbacks posted by tasks).
 *
 * <p>The JDK inherits scoped-value bindings only into threads forked by a
 * {@code StructuredTaskScope}; Gyre's tasks are started by scopes that also accept work from
 * loops and other threads, so the values to carry are declared once, typically in a static
 * initializer next to the {@code ScopedValue} itself:
 *
 * {@snippet :
 * static final ScopedValue<String> REQUEST_ID = ScopedContext.propagate(ScopedValue.newInstance());
 * }
 *
 * <p>A task then sees the binding its spawner had at spawn time. Thread-safety: may be called
 * from any thread; registration is for the life of the JVM.
 */
public final class ScopedContext {
    private ScopedContext() {
    }

    /**
     * Makes Gyre carry {@code value}'s binding into the tasks and callbacks it starts.
     *
     * @param <T> the value's type
     * @param value the scoped value
     * @return {@code value}, for use in a field initializer
     */
    public static <T> ScopedValue<T> propagate(ScopedValue<T> value) {
        ContextSnapshot.register(value);
        return value;
    }
}
