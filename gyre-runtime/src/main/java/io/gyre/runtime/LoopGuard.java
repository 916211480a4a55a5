package io.gyre.runtime;

import io.gyre.runtime.internal.LoopImpl;
import java.util.Objects;

/**
 * Checks for code that owns loop-confined state (a connection's protocol state, a selection
 * key): in debug mode, calling it from a thread other than its loop's raises at once instead of
 * corrupting state later; outside debug mode the check costs one field read and never raises.
 *
 * {@snippet :
 * void onBytes(ByteBuffer in) {
 *     LoopGuard.checkInLoop(loop, "Connection.onBytes");
 *     // ... touch loop-confined state
 * }
 * }
 *
 * <p>{@link Loop#register} checks its thread always, debug mode or not.
 *
 * <p>Thread-safety: callable from any thread.
 */
public final class LoopGuard {
    private LoopGuard() {
    }

    /**
     * Raises if debug mode is on (the loop's runner's {@link RunnerConfig#debug()}, or
     * {@code GYRE_DEBUG=1} for a loop without a runner) and the caller is not on {@code loop}'s
     * thread.
     *
     * @param loop the loop that owns the state
     * @param what the loop-confined operation, quoted in the error
     * @throws WrongThreadException in debug mode, when called from another thread
     */
    public static void checkInLoop(Loop loop, String what) {
        LoopImpl l = (LoopImpl) Objects.requireNonNull(loop, "loop");
        if (l.debug() && !l.inLoop()) {
            throw new WrongThreadException("Loop '" + l.name() + "': " + what + " is confined to the loop's thread,"
                    + " but thread '" + Thread.currentThread().getName() + "'"
                    + Task.current().map(t -> " (task '" + t.name() + "', spawned at " + t.creationSite() + ")")
                            .orElse("")
                    + " called it. Post the call to the loop with loop.callSoon(...) instead.");
        }
    }

    /**
     * Tells whether loop-confinement checks are on for {@code loop} (debug mode).
     *
     * @param loop the loop
     * @return {@code true} in debug mode
     */
    public static boolean enabled(Loop loop) {
        return ((LoopImpl) Objects.requireNonNull(loop, "loop")).debug();
    }
}
