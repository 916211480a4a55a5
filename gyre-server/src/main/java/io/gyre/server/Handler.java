package io.gyre.server;

/**
 * Handles one HTTP request: the blocking-style counterpart of an ASGI application.
 *
 * <p>By default each request runs as a task on its own virtual thread, so the handler may
 * block. A handler marked loop-safe runs inline on the connection's loop instead (the fast
 * path) and must not block.
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
}
