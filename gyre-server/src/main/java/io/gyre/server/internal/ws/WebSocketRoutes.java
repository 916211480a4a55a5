package io.gyre.server.internal.ws;

import io.gyre.server.WebSocketEndpoint;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The server's WebSocket endpoints: exact paths first, then routers (for frameworks with path
 * patterns), in the order they were added. Immutable.
 */
public final class WebSocketRoutes {
    /** No endpoints. */
    public static final WebSocketRoutes NONE = new WebSocketRoutes(Map.of(), List.of());

    private final Map<String, WebSocketEndpoint> paths;
    private final List<Function<String, Optional<WebSocketEndpoint>>> routers;

    /**
     * Creates the routes.
     *
     * @param paths endpoints by exact raw path
     * @param routers asked in order when no exact path matches
     */
    public WebSocketRoutes(Map<String, WebSocketEndpoint> paths,
            List<Function<String, Optional<WebSocketEndpoint>>> routers) {
        this.paths = new LinkedHashMap<>(paths);
        this.routers = List.copyOf(routers);
    }

    /**
     * Tells whether there is no endpoint.
     *
     * @return {@code true} without endpoints
     */
    public boolean isEmpty() {
        return paths.isEmpty() && routers.isEmpty();
    }

    /**
     * Finds the endpoint for a raw request path.
     *
     * @param path the raw path
     * @return the endpoint, or empty
     */
    public Optional<WebSocketEndpoint> match(String path) {
        WebSocketEndpoint e = paths.get(path);
        if (e != null) {
            return Optional.of(e);
        }
        for (Function<String, Optional<WebSocketEndpoint>> r : routers) {
            Optional<WebSocketEndpoint> found = r.apply(path);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }
}
