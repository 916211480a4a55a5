package io.gyre.testing.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.gyre.runtime.RunnerConfig;
import io.gyre.server.BackgroundServer;
import io.gyre.testing.LiveServer;
import io.gyre.web.WebApp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
            server.get("/b/items/7?q=pen").send().assertStatus(200).assertText("7:pen:10");
            server.get("/b/items/x").send().assertStatus(422).assertJson("/detail/0/loc/0", "path");
            server.send(HttpRequest.newBuilder(server.uri("/b/items")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Pen\",\"price\":2}")).build())
                    .assertStatus(200).assertJson("/name", "Pen");
            server.get("/nowhere").send().assertStatus(404).assertJson("/detail", "Not Found");
        }
        assertThat(log).containsExactly("start", "stop");
    }

    @Test
    void aTrailingSlashRedirectKeepsTheServersRootPath() throws Exception {
        WebApp app = WebApp.builder("Behind a proxy", "1").routes(RoutingTest.Paths.class).build();
        try (BackgroundServer server = app.server().host("127.0.0.1").port(0).configure(c -> c.rootPath("/proxy")).build()
                .runInBackground(RunnerConfig.builder().name("root-path").handleSignals(false).build());
                HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/r/items/")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(307);
            assertThat(response.headers().firstValue("Location")).hasValue("/proxy/r/items");
        }
    }
}
