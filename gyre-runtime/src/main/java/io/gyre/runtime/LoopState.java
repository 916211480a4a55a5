package io.gyre.runtime;

/** The lifecycle of a {@link Loop}: NEW -> RUNNING -> STOPPING -> CLOSED, checked on every change. */
public enum LoopState {
    /** Created, thread not started; callbacks may be queued. */
    NEW,
    /** The loop thread is running callbacks, timers and I/O. */
    RUNNING,
    /** Stop requested: already queued callbacks still run, then the loop closes. */
    STOPPING,
    /** The thread has ended and the selector is closed; every operation is refused. */
    CLOSED
}
