package io.gyre.web;

/**
 * Wraps the handling of every request: Starlette's pure middleware. Middleware run in the
 * order they were added: the first added is the outermost, sees the request first and the
 * response last. It runs on the request's task, so context it binds (MDC, scoped values) is
 * seen by everything inside it.
 *
 * {@snippet :
 * Middleware timing = (request, next) -> {
 *     long start = System.nanoTime();
 *     WebResponse response = next.proceed(request);
 *     return response.toBuilder().header("Server-Timing", "app;dur=" + (System.nanoTime() - start) / 1e6).build();
 * };
 * }
 */
@FunctionalInterface
public interface Middleware {
    /**
     * Handles a request, usually by calling {@code next} and changing its response.
     *
     * @param request the request
     * @param next the rest of the chain
     * @return the response
     * @throws Exception any failure; it goes to the exception handlers
     */
    WebResponse handle(WebRequest request, Next next) throws Exception;

    /** The rest of the middleware chain, ending with the route. */
    @FunctionalInterface
    interface Next {
        /**
         * Passes the request on.
         *
         * @param request the request
         * @return the response of the rest of the chain; errors of routes were already turned
         *     into responses by the exception handlers
         * @throws Exception a failure of an inner middleware
         */
        WebResponse proceed(WebRequest request) throws Exception;
    }
}
