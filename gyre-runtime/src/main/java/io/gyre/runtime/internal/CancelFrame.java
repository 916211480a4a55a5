package io.gyre.runtime.internal;

/**
 * One entry of a task's cancel stack: a deadline scope, a task group's body, or a shield.
 *
 * <p>All fields are guarded by the owning task's monitor. Cancellation is delivered from the
 * outermost fired frame that no shield hides; the task's own cancel request is the bottom.
 */
abstract class CancelFrame {
    CancelFrame below;
    boolean active;
    boolean fired;
    boolean delivered;
    String reason;

    /** A shield hides every frame below it (and the task's own cancel request) until it expires. */
    boolean hides() {
        return false;
    }
}
