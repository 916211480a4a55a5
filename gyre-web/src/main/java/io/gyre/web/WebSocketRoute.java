package io.gyre.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a public method of a routes class as a WebSocket endpoint: FastAPI's
 * {@code @app.websocket}. The method receives the {@link io.gyre.server.WebSocketSession} and,
 * like HTTP routes, typed path, query, header and cookie parameters and dependencies. A binding
 * or validation failure closes the session with 1008 (policy violation) before the handler
 * runs; the request's cleanup runs when the handler returns.
 *
 * {@snippet :
 * @WebSocketRoute("/rooms/{room}")
 * public void join(WebSocketSession session, String room, Optional<String> nick) { ... }
 * }
 *
 * <p>HTTP middleware does not wrap WebSocket routes.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface WebSocketRoute {
    /**
     * Returns the path template, relative to the routes class prefix.
     *
     * @return the path template
     */
    String value() default "";

    /**
     * Returns the route's name for reverse routing.
     *
     * @return the name; empty means the method's name
     */
    String name() default "";
}
