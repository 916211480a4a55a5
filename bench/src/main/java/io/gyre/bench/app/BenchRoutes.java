package io.gyre.bench.app;

import io.gyre.runtime.Gyre;
import io.gyre.web.Get;
import io.gyre.web.Routes;

/**
 * The load-test endpoints as gyre-web routes: the framework routes, binds, runs the method as
 * the request's task and renders the result ({@code String} as text/plain, a record as JSON with
 * the app's Jackson mapper, serialized per request).
 */
@Routes
public final class BenchRoutes {
    /** The JSON body: a new instance per request. */
    public record Message(String message) {
    }

    /** Creates the routes (one instance per app). */
    public BenchRoutes() {
    }

    /**
     * Answers the fixed text.
     *
     * @return the text
     */
    @Get("/plaintext")
    public String plaintext() {
        return "Hello, World!";
    }

    /**
     * Answers a new message, serialized by the framework.
     *
     * @return the message
     */
    @Get("/json")
    public Message json() {
        return new Message("Hello, World!");
    }

    /**
     * Answers {@code done} after 2 s.
     *
     * @return the text
     */
    @Get("/slow")
    public String slow() {
        Gyre.sleep(BenchHandlers.SLOW);
        return "done";
    }
}
