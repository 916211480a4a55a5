package io.gyre.server;

/**
 * A {@link Handler} that never blocks, so the server runs it inline on the connection's loop
 * thread (the fast path; the blocked-loop watchdog reports one that blocks anyway). It may only
 * use the non-blocking response methods; the streaming body methods throw
 * {@link IllegalStateException} on a loop thread. Requests with a body run as a task.
 *
 * <p>A handler with a slow path (one that must wait, or answer later) keeps the fast path for the
 * rest by overriding {@link #runsInline(Request)}:
 * {@snippet :
 * LoopSafeHandler app = new LoopSafeHandler() {
 *     @Override
 *     public boolean runsInline(Request request) {
 *         return !request.path().equals("/slow"); // /slow runs as a task and may block
 *     }
 *
 *     @Override
 *     public void handle(Request request, Response response) throws Exception {
 *         if (request.path().equals("/slow")) {
 *             Gyre.sleep(Duration.ofMillis(20));
 *         }
 *         response.send("done\n");
 *     }
 * };
 * }
 */
@FunctionalInterface
public interface LoopSafeHandler extends Handler {
    /**
     * Decides, on the loop thread before the handler runs, whether this request runs inline on
     * the loop (the default) or as a task on its own virtual thread, where {@link #handle} may
     * block like any task-mode handler. Return false for a slow path, e.g. a request that must
     * wait for something before it can answer. It runs for every request without a body, on the
     * loop, so it must be quick and must not block; requests with a body run as a task anyway.
     *
     * @param request the request, whose head (method, path, headers) is complete; its body must
     *     not be read here
     * @return true to run inline on the loop, false to run as a task
     */
    default boolean runsInline(Request request) {
        return true;
    }
}
