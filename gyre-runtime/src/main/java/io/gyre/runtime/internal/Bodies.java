package io.gyre.runtime.internal;

import io.gyre.runtime.TaskBody;
import io.gyre.runtime.VoidBody;
import java.util.Objects;

/** Adapts work that returns nothing to the one body type the runtime runs. */
public final class Bodies {
    private Bodies() {
    }

    /**
     * Returns {@code body} as a {@link TaskBody} whose result is {@code null}.
     *
     * @param body the work
     * @return a body that runs it and returns {@code null}
     * @throws NullPointerException if {@code body} is null
     */
    public static TaskBody<Void> of(VoidBody body) {
        Objects.requireNonNull(body, "body");
        return () -> {
            body.run();
            return null;
        };
    }
}
