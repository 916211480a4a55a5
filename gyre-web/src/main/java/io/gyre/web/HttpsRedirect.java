package io.gyre.web;

/**
 * Redirects plain-HTTP requests to HTTPS with 307 (308 would also do; 307 keeps the method
 * for every client). Behind a proxy, the scheme comes from {@code X-Forwarded-Proto} of a
 * trusted address (a server option).
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
        if (host.endsWith(":80")) {
            host = host.substring(0, host.length() - 3);
        }
        String query = request.rawQuery();
        return WebResponse.redirect("https://" + host + request.path() + (query.isEmpty() ? "" : "?" + query), 307);
    }
}
