package io.gyre.web;

import java.util.List;
import java.util.Locale;

/**
 * Rejects requests whose {@code Host} header is not an allowed host with 400: protects against
 * Host header attacks. Patterns are exact names or {@code *.example.com} for subdomains;
 * {@code *} allows every host. It also guards the handshakes of {@link WebSocketRoute}s, which
 * other middleware does not wrap: a refused one gets the 400 instead of the upgrade.
 */
public final class TrustedHosts implements Middleware {
    private final List<String> hosts;

    private TrustedHosts(List<String> hosts) {
        this.hosts = hosts;
    }

    /**
     * Returns the middleware.
     *
     * @param allowed host names or {@code *.domain} patterns
     * @return the middleware
     * @throws IllegalArgumentException if none is given
     */
    public static TrustedHosts of(String... allowed) {
        if (allowed.length == 0) {
            throw new IllegalArgumentException("TrustedHosts.of needs at least one host, such as \"example.com\"");
        }
        return new TrustedHosts(List.of(allowed).stream().map(h -> h.toLowerCase(Locale.ROOT)).toList());
    }

    @Override
    public WebResponse handle(WebRequest request, Next next) throws Exception {
        String host = request.header("Host").orElse("").toLowerCase(Locale.ROOT);
        int colon = host.lastIndexOf(':');
        if (colon > 0 && host.indexOf(']') < colon) {
            host = host.substring(0, colon);
        }
        for (String pattern : hosts) {
            if (pattern.equals("*") || pattern.equals(host)
                    || pattern.startsWith("*.") && host.endsWith(pattern.substring(1))) {
                return next.proceed(request);
            }
        }
        return WebResponse.of(400).text("Invalid host header");
    }
}
