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
interface Transport {
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

    /** The client's name, to start failure messages with: {@code TestClient} or {@code LiveServer}. */
    String name();

    /** The scheme requests are sent with. */
    String scheme();

    /** The authority requests go to; a redirect elsewhere leaves the app. */
    String authority();

    /** The app's mapper, for JSON bodies. */
    ObjectMapper mapper();

    /** Headers sent with every request unless it sets one of the same name. */
    Headers defaults();

    /** The cookies remembered from responses. */
    CookieJar cookies();

    /** Sends one exchange and waits for the whole response; remembers the cookies it sets. */
    TestResponse send(Exchange exchange);

    /** Sends one exchange and returns once the response head is there; remembers its cookies. */
    TestStream stream(Exchange exchange);

    /** A request's own headers with the defaults it does not set and the cookies to send. */
    default Headers withDefaults(Headers own, Map<String, String> requestCookies) {
        Headers.Builder all = own.toBuilder();
        Headers defaults = defaults();
        defaults.names().forEach(name -> {
            if (!all.contains(name)) {
                defaults.all(name).forEach(value -> all.add(name, value));
            }
        });
        if (!all.contains("Cookie")) {
            cookies().header(requestCookies).ifPresent(line -> all.add("Cookie", line));
        }
        return all.build();
    }
}
