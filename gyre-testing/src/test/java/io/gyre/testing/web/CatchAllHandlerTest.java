package io.gyre.testing.web;

import io.gyre.server.Headers;
import io.gyre.testing.TestClient;
import io.gyre.web.Get;
import io.gyre.web.HttpException;
import io.gyre.web.Routes;
import io.gyre.web.WebApp;
import io.gyre.web.WebResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A handler for {@code Exception} answers the app's own failures, not the framework's built-in answers. */
class CatchAllHandlerTest {
    @Routes
    public static final class Api {
        @Get("/items/{id}")
        public long item(long id) {
            return id;
        }

        @Get("/private")
        public String secret() {
            throw new HttpException(401, "Not authenticated", Headers.of("WWW-Authenticate", "Bearer"));
        }

        @Get("/boom")
        public String boom() {
            throw new IllegalStateException("the database is gone");
        }
    }

    static WebApp.Builder app() {
        return WebApp.builder("CatchAll", "1").routes(Api.class)
                .exceptionHandler(Exception.class, (request, e) -> WebResponse.of(500).text("custom 500"));
    }

    @Test
    void catchAllHandlerLeavesNotFoundMethodNotAllowedUnauthorizedAndValidationToTheBuiltInAnswers() {
        try (TestClient client = TestClient.open(app().build())) {
            client.get("/nowhere").send().assertStatus(404).assertJson("/detail", "Not Found");
            client.post("/boom").send().assertStatus(405).assertHeader("Allow", "GET, HEAD");
            client.get("/private").send().assertStatus(401).assertJson("/detail", "Not authenticated")
                    .assertHeader("WWW-Authenticate", "Bearer");
            client.get("/items/x").send().assertStatus(422).assertJson("/detail/0/loc", List.of("path", "id"));
            client.get("/boom").send().assertStatus(500).assertText("custom 500");
        }
    }

    @Test
    void handlersRegisteredForTheFrameworkExceptionsThemselvesStillReplaceTheBuiltInAnswers() {
        WebApp app = app()
                .exceptionHandler(HttpException.class, (request, e) -> WebResponse.of(e.status()).text("http " + e.status()))
                .exceptionHandler(io.gyre.web.RequestValidationException.class,
                        (request, e) -> WebResponse.of(400).text("invalid"))
                .build();
        try (TestClient client = TestClient.open(app)) {
            client.get("/nowhere").send().assertStatus(404).assertText("http 404");
            client.get("/private").send().assertStatus(401).assertText("http 401");
            client.get("/items/x").send().assertStatus(400).assertText("invalid");
        }
    }

    @Test
    void statusHandlersComeBeforeACatchAllHandler() {
        WebApp app = app().statusHandler(404, (request, e) -> WebResponse.of(404).text("no " + request.path())).build();
        try (TestClient client = TestClient.open(app)) {
            client.get("/nowhere").send().assertStatus(404).assertText("no /nowhere");
            client.get("/private").send().assertStatus(401).assertJson("/detail", "Not authenticated");
        }
    }
}
