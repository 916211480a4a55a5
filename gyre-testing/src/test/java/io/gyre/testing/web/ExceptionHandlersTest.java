package io.gyre.testing.web;

import io.gyre.testing.TestClient;
import io.gyre.web.Get;
import io.gyre.web.HttpException;
import io.gyre.web.RequestValidationException;
import io.gyre.web.Routes;
import io.gyre.web.WebApp;
import io.gyre.web.WebResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExceptionHandlersTest {
    /** A domain failure of the app. */
    public static class OutOfStock extends RuntimeException {
        OutOfStock(String item) {
            super(item + " is out of stock");
        }
    }

    /** A more specific one. */
    public static final class Discontinued extends OutOfStock {
        Discontinued(String item) {
            super(item);
        }
    }

    @Routes
    public static final class Shop {
        @Get("/buy/{item}")
        public String buy(String item) {
            if (item.equals("old")) {
                throw new Discontinued(item);
            }
            throw new OutOfStock(item);
        }

        @Get("/count")
        public int count(int n) {
            return n;
        }

        @Get("/secret")
        public String secret() {
            throw new HttpException(404);
        }
    }

    WebApp app() {
        return WebApp.builder("Handlers", "1").routes(Shop.class)
                .exceptionHandler(OutOfStock.class, (request, e) -> WebResponse.of(409).json(Map.of("error", e.getMessage())))
                .exceptionHandler(Discontinued.class, (request, e) -> WebResponse.of(410).text("gone"))
                .exceptionHandler(RequestValidationException.class,
                        (request, e) -> WebResponse.of(400).json(Map.of("problems", e.errors().size())))
                .statusHandler(404, (request, e) -> WebResponse.of(404).text("nothing at " + request.path()))
                .build();
    }

    @Test
    void handlersAreChosenByTheMostSpecificType() {
        try (TestClient client = TestClient.open(app())) {
            client.get("/buy/pen").send().assertStatus(409).assertJson("/error", "pen is out of stock");
            client.get("/buy/old").send().assertStatus(410).assertText("gone");
        }
    }

    @Test
    void validationFailuresCanBeAnsweredDifferently() {
        try (TestClient client = TestClient.open(app())) {
            client.get("/count?n=x").send().assertStatus(400).assertJson("/problems", 1);
        }
    }

    @Test
    void statusHandlersCoverTheAppsOwn404sToo() {
        try (TestClient client = TestClient.open(app())) {
            client.get("/secret").send().assertStatus(404).assertText("nothing at /secret");
            client.get("/nowhere").send().assertStatus(404).assertText("nothing at /nowhere");
        }
    }
}
