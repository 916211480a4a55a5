package io.gyre.runtime.internal;

import io.gyre.runtime.Held;

/** A {@link Held} that runs its release once; later closes do nothing. */
public final class OnceHeld implements Held {
    /* `released` is touched by the acquiring task only (Held is closed by its acquirer). */
    private final Runnable release;
    private boolean released;

    /**
     * Creates the handle.
     *
     * @param release what closing does, once
     */
    public OnceHeld(Runnable release) {
        this.release = release;
    }

    @Override
    public void close() {
        if (!released) {
            released = true;
            release.run();
        }
    }
}
