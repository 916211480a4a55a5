package io.gyre.testing.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.gyre.testing.LiveServer;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;

/** A live server's requests keep the cookies the app sets over the socket and send them back. */
class LiveServerCookiesTest {
    @Test
    void cookiesSetByTheAppAreSentBackUntilDeleted() {
        try (LiveServer server = LiveServer.start(TestClientCookiesTest.app())) {
            server.get("/cookies").send().assertText("{}");
            server.get("/login").send().assertStatus(200);
            server.get("/cookies").send().assertText("{session=s1, theme=dark}");
            assertThat(server.cookies()).containsExactly(entry("session", "s1"), entry("theme", "dark"));
            server.get("/logout").send();
            server.get("/cookies").send().assertText("{theme=dark}");
            assertThat(server.cookies()).containsOnlyKeys("theme");
        }
    }

    @Test
    void aRequestCookieIsAddedToTheRememberedOnesAndAnExplicitHeaderIsSentAsItIs() {
        try (LiveServer server = LiveServer.start(TestClientCookiesTest.app())) {
            server.get("/login").send();
            server.get("/cookies").cookie("session", "mine").cookie("extra", "1").send()
                    .assertText("{extra=1, session=mine, theme=dark}");
            server.get("/cookies").header("Cookie", "only=this").send().assertText("{only=this}");
            server.get("/cookies").send().assertText("{session=s1, theme=dark}");
        }
    }

    @Test
    void aJdkRequestIsSentAsItIsWithoutTheJar() {
        try (LiveServer server = LiveServer.start(TestClientCookiesTest.app())) {
            server.get("/login").send();
            server.send(HttpRequest.newBuilder(server.uri("/cookies")).build()).assertText("{}");
        }
    }
}
