package io.gyre.testing.web;

import io.gyre.testing.TestClient;
import io.gyre.web.TrustedHosts;
import io.gyre.web.WebApp;
import io.gyre.web.WebResponse;
import org.junit.jupiter.api.Test;

/** TrustedHosts reads the {@code Host} as RFC 9110 writes it: any case, a port, an IPv6 literal. */
class TrustedHostsTest {
    private static WebApp app() {
        return WebApp.builder("Hosts", "1").middleware(TrustedHosts.of("example.com", "*.example.com", "[::1]"))
                .middleware((request, next) -> WebResponse.text("reached")).build();
    }

    @Test
    void hostsMatchInAnyCaseWithOrWithoutAPort() {
        try (TestClient client = TestClient.open(app())) {
            for (String host : new String[] {"example.com", "EXAMPLE.com:8080", "api.Example.com", "a.b.example.com:443", "[::1]", "[::1]:8000"}) {
                client.get("/").header("Host", host).send().assertStatus(200).assertText("reached");
            }
        }
    }

    @Test
    void otherHostsAndAMissingHostAreA400() {
        try (TestClient client = TestClient.open(app())) {
            for (String host : new String[] {"evil.com", "evilexample.com", "example.com.evil", "[::2]:8000", ""}) {
                client.get("/").header("Host", host).send().assertStatus(400).assertText("Invalid host header");
            }
        }
    }
}
