package io.gyre.testing.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.gyre.server.WebSocketSession;
import io.gyre.testing.TestClient;
import io.gyre.web.Get;
import io.gyre.web.ResponseCookie;
import io.gyre.web.Routes;
import io.gyre.web.WebApp;
import io.gyre.web.WebRequest;
import io.gyre.web.WebResponse;
import io.gyre.web.WebSocketRoute;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The client keeps the cookies its responses set, as a browser would, and sends them back. */
class TestClientCookiesTest {
    @Routes
    public static final class Session {
        @Get("/login")
        public WebResponse login() {
            return WebResponse.of(200).cookie(ResponseCookie.of("session", "s1")).cookie(ResponseCookie.of("theme", "dark"))
                    .empty();
        }

        @Get("/logout")
        public WebResponse logout() {
            return WebResponse.of(200).cookie(ResponseCookie.delete("session")).empty();
        }

        @Get("/cookies")
        public String cookies(WebRequest request) {
            return new TreeMap<>(request.cookies()).toString();
        }

        @WebSocketRoute("/ws")
        public void ws(WebSocketSession session) {
            session.send(session.request().headers().first("Cookie").orElse("-") + " "
                    + session.request().headers().first("X-Token").orElse("-"));
        }
    }

    static WebApp app() {
        return WebApp.builder("Cookies", "1").routes(Session.class).build();
    }

    @Test
    void cookiesSetByAResponseAreSentWithLaterRequestsUntilDeleted() {
        try (TestClient client = TestClient.open(app())) {
            client.get("/cookies").send().assertText("{}");
            client.get("/login").send();
            client.get("/cookies").send().assertText("{session=s1, theme=dark}");
            assertThat(client.cookies()).containsExactly(entry("session", "s1"), entry("theme", "dark"));
            client.get("/logout").send();
            client.get("/cookies").send().assertText("{theme=dark}");
            assertThat(client.cookies()).containsOnlyKeys("theme");
        }
    }

    @Test
    void aRequestCookieIsAddedToTheRememberedOnesAndWinsOverTheSameName() {
        try (TestClient client = TestClient.open(app())) {
            client.get("/login").send();
            client.get("/cookies").cookie("session", "mine").cookie("extra", "1").send()
                    .assertText("{extra=1, session=mine, theme=dark}");
            client.get("/cookies").send().assertText("{session=s1, theme=dark}");
        }
    }

    @Test
    void anExplicitCookieHeaderIsSentAsItIs() {
        try (TestClient client = TestClient.open(app())) {
            client.get("/login").send();
            client.get("/cookies").header("Cookie", "only=this").send().assertText("{only=this}");
        }
    }

    @Test
    void aWebSocketHandshakeCarriesTheCookiesDefaultHeadersAndItsOwnHeaders() {
        try (TestClient client = TestClient.builder(app()).header("X-Token", "t0").open()) {
            client.get("/login").send();
            try (var socket = client.websocket("/ws")) {
                assertThat(socket.receiveText()).isEqualTo("session=s1; theme=dark t0");
            }
            try (var socket = client.websocket("/ws", io.gyre.server.Headers.of("X-Token", "t1"))) {
                assertThat(socket.receiveText()).isEqualTo("session=s1; theme=dark t1");
            }
        }
    }
}
