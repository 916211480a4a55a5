package io.gyre.server;

/** An HTTP request (to be completed). */
public interface Request {
    /**
     * Returns the method.
     *
     * @return the method, e.g. {@code GET}
     */
    String method();
}
