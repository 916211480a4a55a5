package io.gyre.web;

/**
 * Turns an exception into a response: Starlette's exception handlers, registered by type
 * ({@link WebApp.Builder#exceptionHandler}) or by status of an {@link HttpException}
 * ({@link WebApp.Builder#statusHandler}).
 *
 * @param <E> the exception type handled
 */
@FunctionalInterface
public interface ExceptionHandler<E extends Throwable> {
    /**
     * Returns the response for an exception.
     *
     * @param request the request that failed
     * @param exception the exception
     * @return the response
     * @throws Exception a failure of the handler itself, answered with 500
     */
    WebResponse handle(WebRequest request, E exception) throws Exception;
}
