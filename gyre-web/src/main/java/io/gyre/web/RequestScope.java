package io.gyre.web;

/**
 * The per-request dependency scope handed to a {@link Provider}: resolve other dependencies
 * (each resolved once per request) and register cleanup run after the response was sent.
 *
 * <p>Thread-safety: use it from the request's task only.
 */
public interface RequestScope {
    /**
     * Returns the request.
     *
     * @return the request
     */
    WebRequest request();

    /**
     * Resolves a dependency for this request, creating it on first use and returning the same
     * instance afterwards.
     *
     * @param <T> the dependency's type
     * @param type the dependency's type
     * @return the dependency
     * @throws IllegalStateException if nothing provides the type, or the providers depend on
     *     each other in a cycle
     */
    <T> T get(Class<T> type);

    /**
     * Registers cleanup run after the response was sent (also when the handler failed), in
     * reverse order of registration: the {@code finally} of a FastAPI yield dependency.
     *
     * @param cleanup the cleanup
     */
    void onClose(AutoCloseable cleanup);

    /**
     * Returns why the request failed, if it did: what the handler, a dependency or a middleware
     * threw (an {@link HttpException} too), or the {@link io.gyre.runtime.CancelledException}
     * of a request cancelled because its client left or the server shut down. Cleanup reads it
     * to tell success from failure: the {@code except} around a FastAPI dependency's
     * {@code yield}.
     *
     * {@snippet :
     * .dependency(Tx.class, scope -> {
     *     Tx tx = db.begin();
     *     scope.onClose(() -> {
     *         if (scope.failure().isPresent()) {
     *             tx.rollback();
     *         } else {
     *             tx.commit(); // after the response was sent: a failing commit is only logged
     *         }
     *     });
     *     return tx;
     * })
     * }
     *
     * @return the first failure of the request, or empty while it has not failed
     */
    java.util.Optional<Throwable> failure();
}
