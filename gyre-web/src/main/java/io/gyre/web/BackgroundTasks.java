package io.gyre.web;

import io.gyre.runtime.VoidBody;

/**
 * Work to run after the response was sent: FastAPI's {@code BackgroundTasks}. Declare a
 * handler parameter of this type and add to it.
 *
 * <p>The tasks of one request run one after another in a task owned by the app; a failure is
 * logged and does not stop the later ones. At shutdown they are waited for within the
 * graceful timeout, then cancelled.
 */
public interface BackgroundTasks {
    /**
     * Adds work to run after the response.
     *
     * @param name a name for logs and reports
     * @param work the work
     */
    void add(String name, VoidBody work);
}
