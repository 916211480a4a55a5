package io.gyre.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gyre.server.Headers;
import io.gyre.testing.internal.CookieJar;
import java.util.Map;

/**
 * Where a {@link TestRequest} goes: the app in process ({@link TestClient}) or the app on a
 * real socket ({@link LiveServer}). The request builds its body and runs the redirect loop
 * once, for both; a transport only carries one exchange and remembers the cookies it got.
 */
abstract class Transport {
    private final String name;
    private final String scheme;
    private final String authority;
    private final ObjectMapper mapper;
    private final Headers defaults;
    private final CookieJar cookies = new CookieJar();

    /**
     * Sets what stays the same for every exchange.
     *
     * @param name the client's name, to start failure messages with: {@code TestClient} or {@code LiveServer}
     * @param scheme the scheme requests are sent with
     * @param authority the authority requests go to; a redirect elsewhere leaves the app
     * @param mapper the app's mapper, for JSON bodies
     * @param defaults headers sent with every request unless it sets one of the same name
     */
    Transport(String name, String scheme, String authority, ObjectMapper mapper, Headers defaults) {
        this.name = name;
        this.scheme = scheme;
        this.authority = authority;
        this.mapper = mapper;
        this.defaults = defaults;
    }

    /**
     * One hop of a request, as sent.
     *
     * @param method the method
     * @param scheme the scheme the request is sent with
     * @param target the path and query
     * @param headers the request's headers with the transport's defaults and cookies
     * @param body the body, empty for none
     */
    record Exchange(String method, String scheme, String target, Headers headers, byte[] body) {
    }

    /** The client's name, to start failure messages with. */
    final String name() {
        return name;
    }

    /** The scheme requests are sent with. */
    final String scheme() {
        return scheme;
    }

    /** The authority requests go to. */
    final String authority() {
        return authority;
    }

    /** The app's mapper, for JSON bodies. */
    final ObjectMapper mapper() {
        return mapper;
    }

    /** The cookies remembered from responses. */
    final CookieJar cookies() {
        return cookies;
    }

    /** Sends one exchange and waits for the whole response; remembers the cookies it sets. */
    abstract TestResponse send(Exchange exchange);

    /** Sends one exchange and returns once the response head is there; remembers its cookies. */
    abstract TestStream stream(Exchange exchange);

    /** A request's own headers with the defaults it does not set and the cookies to send. */
    final Headers withDefaults(Headers own, Map<String, String> requestCookies) {
        Headers.Builder all = own.toBuilder();
        defaults.names().forEach(header -> {
            if (!all.contains(header)) {
                defaults.all(header).forEach(value -> all.add(header, value));
            }
        });
        if (!all.contains("Cookie")) {
            cookies.header(requestCookies).ifPresent(line -> all.add("Cookie", line));
        }
        return all.build();
    }
}
