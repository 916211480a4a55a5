package io.gyre.web;

import io.gyre.web.internal.PercentCodec;
import io.gyre.web.internal.RequestState;

/**
 * Redirects plain-HTTP requests to HTTPS with 307 (308 would also do; 307 keeps the method
 * for every client), to the same path and query as the client sent them, percent-escapes
 * included. Behind a proxy, the scheme comes from {@code X-Forwarded-Proto} of a trusted
 * address (a server option). A {@code :80} or {@code :443} port in the {@code Host} is dropped,
 * any other port is kept. WebSocket upgrades are not redirected: HTTP middleware does not wrap
 * WebSocket routes.
 */
public final class HttpsRedirect implements Middleware {
    private HttpsRedirect() {
    }

    /**
     * Returns the middleware.
     *
     * @return the middleware
     */
    public static HttpsRedirect create() {
        return new HttpsRedirect();
    }

    @Override
    public WebResponse handle(WebRequest request, Next next) throws Exception {
        if (request.scheme().equals("https") || request.scheme().equals("wss")) {
            return next.proceed(request);
        }
        String host = request.header("Host").orElse("localhost");
        if (host.endsWith(":80") || host.endsWith(":443")) {
            host = host.substring(0, host.lastIndexOf(':'));
        }
        String query = request.rawQuery();
        return WebResponse.redirect("https://" + host + rawPath(request) + (query.isEmpty() ? "" : "?" + query), 307);
    }

    /*
     * The path as the client sent it (still percent-encoded, so a %3F stays in the path and a
     * %0A never reaches the header), with the root path of a mount or proxy in front. A request
     * another middleware replaced has only its decoded path: that one is encoded again.
     */
    private static String rawPath(WebRequest request) {
        if (request instanceof RequestState state) {
            return state.raw().rootPath() + state.raw().path();
        }
        return PercentCodec.encodePath(request.path());
    }
}
