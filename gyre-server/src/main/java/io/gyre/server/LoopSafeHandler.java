package io.gyre.server;

/**
 * A {@link Handler} that never blocks, so the server runs it inline on the connection's loop
 * thread (the fast path; the blocked-loop watchdog reports one that blocks anyway). It may only
 * use the non-blocking response methods; the streaming body methods throw
 * {@link IllegalStateException} on a loop thread. Requests with a body run as a task.
 */
@FunctionalInterface
public interface LoopSafeHandler extends Handler {
}
