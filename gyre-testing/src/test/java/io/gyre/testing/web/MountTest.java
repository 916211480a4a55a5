package io.gyre.testing.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.gyre.testing.TestClient;
import io.gyre.web.Get;
import io.gyre.web.Routes;
import io.gyre.web.WebApp;
import io.gyre.web.WebRequest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class MountTest {
    @Routes
    public static final class Inner {
        @Get("/hello")
        public String hello(WebRequest request) {
            return "inner " + request.path();
        }
    }

    @Test
    void rawHandlersAndAppsServeUnderTheirPrefix() {
        List<String> log = new CopyOnWriteArrayList<>();
        WebApp inner = WebApp.builder("Inner", "1")
                .lifespan(life -> {
                    log.add("inner start");
                    life.resource(() -> log.add("inner stop"));
                })
                .routes(Inner.class).build();
        WebApp outer = WebApp.builder("Outer", "1")
                .lifespan(life -> {
                    log.add("outer start");
                    life.resource(() -> log.add("outer stop"));
                })
                .mount("/raw", (request, response) -> response.header("X-Root", request.rootPath())
                        .send("raw " + request.path()))
                .mount("/api", inner)
                .middleware((request, next) -> next.proceed(request).toBuilder().header("X-Outer", "yes").build())
                .routes(RoutingTest.Paths.class)
                .build();
        try (TestClient client = TestClient.open(outer)) {
            client.get("/raw/a/b?x=1").send().assertStatus(200).assertText("raw /a/b").assertHeader("X-Root", "/raw")
                    .assertHeader("X-Outer", "yes");
            client.get("/raw").send().assertText("raw /");
            client.get("/api/hello").send().assertText("inner /hello");
            client.get("/rawer").send().assertStatus(404);
            client.get("/r/items").send().assertText("list");
        }
        assertThat(log).containsExactly("outer start", "inner start", "inner stop", "outer stop");
    }

    @Test
    void aMountedAppRedirectsATrailingSlashUnderItsPrefix() {
        WebApp inner = WebApp.builder("Inner", "1").routes(Inner.class).build();
        WebApp outer = WebApp.builder("Outer", "1").mount("/api", inner).build();
        try (TestClient client = TestClient.open(outer)) {
            client.get("/api/hello/?x=1").send().assertStatus(307).assertHeader("Location", "/api/hello?x=1");
        }
    }
}
