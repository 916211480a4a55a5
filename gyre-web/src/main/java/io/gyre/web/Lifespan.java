package io.gyre.web;

import io.gyre.runtime.VoidBody;

/**
 * What an app's lifespan sets up at startup: resources closed at shutdown in reverse order,
 * values provided to routes and dependencies, and supervised background work.
 *
 * {@snippet :
 * .lifespan(life -> {
 *     Store store = life.resource(Store.open());
 *     life.provide(Store.class, store);
 *     life.background("refresh", () -> refreshForever(store));
 * })
 * }
 *
 * <p>Thread-safety: use it from the lifespan function only.
 */
public interface Lifespan {
    /**
     * Registers a resource, closed at shutdown after the server drained and the background
     * work ended, in reverse order of registration.
     *
     * @param <T> the resource's type
     * @param resource the opened resource
     * @return {@code resource}
     */
    <T extends AutoCloseable> T resource(T resource);

    /**
     * Makes a value available to routes constructors, handler parameters and providers.
     *
     * @param <T> the type it is provided as
     * @param type the type it is provided as
     * @param value the value
     * @throws IllegalStateException if the type is already provided
     */
    <T> void provide(Class<T> type, T value);

    /**
     * Starts long-running work supervised by the app: a failure is logged with the task's name
     * and creation site and does not stop the app; at shutdown the work is cancelled and
     * awaited before the resources close.
     *
     * @param name the task's name
     * @param work the work
     */
    void background(String name, VoidBody work);

    /**
     * The app's startup function, given to {@link WebApp.Builder#lifespan}: FastAPI's
     * {@code lifespan} context manager, with the part after {@code yield} expressed as resources.
     */
    @FunctionalInterface
    interface Setup {
        /**
         * Sets up the app.
         *
         * @param life where to register resources, provided values and background work
         * @throws Exception any failure; it aborts the start, after closing what was opened
         */
        void start(Lifespan life) throws Exception;
    }
}
