package io.gyre.server;

/** An HTTP response (to be completed). */
public interface Response {
    /**
     * Sets the status.
     *
     * @param status the status code
     * @return this response
     */
    Response status(int status);
}
