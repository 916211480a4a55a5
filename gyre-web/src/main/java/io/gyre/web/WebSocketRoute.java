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
 * or validation failure closes the session with 1008 (policy violation) and a reason naming the
 * parameter before the handler runs (FastAPI refuses the handshake with 403 instead); an
 * {@link HttpException} from a dependency closes it with 1008 for a 4xx status and 1011 for a
 * 5xx one, its detail as the reason. The request's cleanup runs when the handler returns.
 *
 * {@snippet :
 * @WebSocketRoute("/rooms/{room}")
 * public void join(WebSocketSession session, String room, Optional<String> nick) { ... }
 * }
 *
 * <p>HTTP middleware does not wrap WebSocket routes, with one exception: a handshake whose
 * {@code Host} the app's {@link TrustedHosts} refuses is answered with its 400 and never opened.
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

    /**
     * Returns the subprotocols the route speaks: FastAPI's {@code websocket.accept(subprotocol=...)}.
     * The handshake selects the first one, in the client's order of its
     * {@code Sec-WebSocket-Protocol} offer, that is listed here, and answers with it;
     * {@link io.gyre.server.WebSocketSession#subprotocol()} tells the handler which. When the
     * client offers none of them, the session opens without a subprotocol.
     *
     * @return the subprotocol names; empty (the default) selects none
     */
    String[] subprotocols() default {};
}
