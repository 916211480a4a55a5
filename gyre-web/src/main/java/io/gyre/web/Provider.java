package io.gyre.web;

/**
 * Creates a per-request dependency: FastAPI's {@code Depends(function)}.
 *
 * <p>A provider may resolve other dependencies from the scope. What it returns is created at
 * most once per request; if it is {@link AutoCloseable} it is closed after the response was
 * sent, in reverse order of creation, also when the handler failed.
 *
 * {@snippet :
 * WebApp.builder("Shop", "1.0")
 *     .dependency(Transaction.class, scope -> scope.get(Database.class).begin())
 * }
 *
 * @param <T> the type provided
 */
@FunctionalInterface
public interface Provider<T> {
    /**
     * Provides the value for one request.
     *
     * @param scope the request's dependency scope
     * @return the value, never null
     * @throws Exception any failure; an {@link HttpException} becomes its response
     */
    T provide(RequestScope scope) throws Exception;
}
