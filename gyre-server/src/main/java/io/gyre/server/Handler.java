package io.gyre.server;

/**
 * Handles one HTTP request: the blocking-style counterpart of an ASGI application.
 *
 * <p>By default each request runs as a task on its own virtual thread, so the handler may
 * block. A handler marked loop-safe ({@link #loopSafe(Handler)} or by implementing
 * {@link LoopSafeHandler}) runs inline on the connection's loop instead (the fast path) and must
 * not block.
 *
 * {@snippet :
 * Handler hello = (request, response) -> response.send("hello\n");
 * Handler fast = Handler.loopSafe((request, response) -> response.send("pong"));
 * }
 */
@FunctionalInterface
public interface Handler {
    /**
     * Handles the request by completing the response.
     *
     * @param request the request
     * @param response the response to complete
     * @throws Exception any failure: before the response started it becomes a 500 and the
     *     connection closes; after, the connection is closed
     */
    void handle(Request request, Response response) throws Exception;

    /**
     * Marks {@code handler} as loop-safe: it runs inline on the connection's loop thread and must
     * only use the non-blocking response methods ({@link Response#send(byte[])},
     * {@link Response#send(String)}, {@link Response#sendFile(java.nio.file.Path)}). Requests
     * that carry a body still run as a task, since reading a body may block.
     *
     * @param handler a handler that never blocks
     * @return the loop-safe handler
     */
    static LoopSafeHandler loopSafe(Handler handler) {
        return handler::handle;
    }
}
