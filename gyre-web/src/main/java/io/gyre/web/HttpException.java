package io.gyre.web;

import io.gyre.server.Headers;

/**
 * An error to answer with a status code and a {@code {"detail": ...}} JSON body: FastAPI's
 * {@code HTTPException}. Throw it from a handler, a dependency provider or a middleware.
 *
 * {@snippet :
 * Item item = store.find(id).orElseThrow(() -> new HttpException(404, "Item " + id + " not found"));
 * }
 */
public final class HttpException extends RuntimeException {
    private final int status;
    private final transient Object detail;
    private final transient Headers headers;

    /**
     * Creates an exception whose detail is the status's reason phrase.
     *
     * @param status the status code, 400 to 599 (or a 3xx with a Location header)
     */
    public HttpException(int status) {
        this(status, StatusText.reason(status), Headers.empty());
    }

    /**
     * Creates an exception with a detail.
     *
     * @param status the status code
     * @param detail the detail, serialized as JSON: a string, a record, a list or a map
     */
    public HttpException(int status, Object detail) {
        this(status, detail, Headers.empty());
    }

    /**
     * Creates an exception with a detail and response headers.
     *
     * @param status the status code
     * @param detail the detail, serialized as JSON
     * @param headers headers added to the response, such as {@code WWW-Authenticate}
     * @throws IllegalArgumentException if the status is not between 100 and 599
     */
    public HttpException(int status, Object detail, Headers headers) {
        super(status + " " + detail, null, false, false);
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status not in 100..599: " + status);
        }
        this.status = status;
        this.detail = detail;
        this.headers = headers;
    }

    /**
     * Returns the status code.
     *
     * @return the status
     */
    public int status() {
        return status;
    }

    /**
     * Returns the detail sent as {@code {"detail": ...}}.
     *
     * @return the detail
     */
    public Object detail() {
        return detail;
    }

    /**
     * Returns the headers added to the response.
     *
     * @return the headers
     */
    public Headers headers() {
        return headers;
    }
}
