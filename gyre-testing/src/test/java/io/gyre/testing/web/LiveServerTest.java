package io.gyre.testing.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.gyre.testing.LiveServer;
import io.gyre.web.WebApp;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class LiveServerTest {
    @Test
    void appIsServedOverARealSocketWithItsLifespan() {
        List<String> log = new CopyOnWriteArrayList<>();
        WebApp app = WebApp.builder("Live", "1")
                .lifespan(life -> {
                    log.add("start");
                    life.resource(() -> log.add("stop"));
                })
                .routes(BindingTest.Bind.class).build();
        try (LiveServer server = LiveServer.start(app)) {
            assertThat(log).containsExactly("start");
            server.get("/b/items/7?q=pen").assertStatus(200).assertText("7:pen:10");
            server.get("/b/items/x").assertStatus(422).assertJson("/detail/0/loc/0", "path");
            server.send(HttpRequest.newBuilder(server.uri("/b/items")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Pen\",\"price\":2}")).build())
                    .assertStatus(200).assertJson("/name", "Pen");
            server.get("/nowhere").assertStatus(404).assertJson("/detail", "Not Found");
        }
        assertThat(log).containsExactly("start", "stop");
    }
}
