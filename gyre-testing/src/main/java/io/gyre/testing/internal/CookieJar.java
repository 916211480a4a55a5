package io.gyre.testing.internal;

import io.gyre.server.Headers;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The cookies a test client remembers from responses, by name only: {@code Path},
 * {@code Domain} and {@code Expires} are not applied; {@code Max-Age=0} deletes a cookie.
 * Shared by the in-process client and the live server's client.
 *
 * <p>Thread-safety: safe; every access holds the map's lock, never during I/O.
 */
public final class CookieJar {
    /** Name to value, in the order first set; guarded by itself. */
    private final Map<String, String> cookies = new LinkedHashMap<>();

    /**
     * Returns what the jar holds now.
     *
     * @return a snapshot, name to value, in the order first set
     */
    public Map<String, String> snapshot() {
        synchronized (cookies) {
            return Collections.unmodifiableMap(new LinkedHashMap<>(cookies));
        }
    }

    /**
     * Keeps the cookies a response sets, and drops those it deletes.
     *
     * @param headers the response's headers
     */
    public void remember(Headers headers) {
        for (String setCookie : headers.all("Set-Cookie")) {
            String pair = setCookie.split(";", 2)[0];
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = pair.substring(0, eq).strip();
            String value = pair.substring(eq + 1).strip();
            synchronized (cookies) {
                if (setCookie.toLowerCase(Locale.ROOT).contains("max-age=0")) {
                    cookies.remove(name);
                } else {
                    cookies.put(name, value);
                }
            }
        }
    }

    /**
     * Returns the {@code Cookie} header for a request: the remembered cookies and the
     * request's own (which win over remembered ones of the same name).
     *
     * @param requestCookies the request's own cookies
     * @return the header's value, or empty if there is no cookie to send
     */
    public Optional<String> header(Map<String, String> requestCookies) {
        Map<String, String> sent = new LinkedHashMap<>(snapshot());
        sent.putAll(requestCookies);
        if (sent.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder line = new StringBuilder();
        sent.forEach((k, v) -> line.append(line.isEmpty() ? "" : "; ").append(k).append('=').append(v));
        return Optional.of(line.toString());
    }
}
