package io.gyre.server;

/**
 * Decides whether a valid WebSocket handshake request is accepted: the place for
 * authentication, origin checks and rate limits before the connection is upgraded.
 *
 * <p>It runs on the upgrade request's task, so it may block. To refuse, send an ordinary
 * response (for example {@code response.status(403).send("forbidden")}) or return
 * {@code false} (the server then answers 403).
 *
 * {@snippet :
 * WebSocketAcceptor sameOrigin = (request, response) ->
 *         request.header("Origin").map("https://example.com"::equals).orElse(false);
 * }
 */
@FunctionalInterface
public interface WebSocketAcceptor {
    /** An acceptor that accepts every valid handshake. */
    WebSocketAcceptor ALL = (request, response) -> true;

    /**
     * Accepts or refuses the upgrade.
     *
     * @param request the handshake request
     * @param response an ordinary response; sending it refuses the upgrade
     * @return {@code true} to accept (when nothing was sent), {@code false} to refuse
     * @throws Exception any failure: the upgrade is refused with 500
     */
    boolean accept(Request request, Response response) throws Exception;
}
