package io.gyre.testing.web;

import io.gyre.testing.LiveServer;
import io.gyre.testing.Requester;
import io.gyre.testing.TestClient;
import io.gyre.web.Delete;
import io.gyre.web.Get;
import io.gyre.web.Patch;
import io.gyre.web.Post;
import io.gyre.web.Put;
import io.gyre.web.WebApp;
import io.gyre.web.WebRequest;
import org.junit.jupiter.api.Test;

/** One helper written against {@link Requester} runs in process and over a socket alike. */
class RequesterTest {
    public static final class Methods {
        @Get("/m")
        public String get(WebRequest request) {
            return request.method();
        }

        @Post("/m")
        public String post(WebRequest request) {
            return request.method();
        }

        @Put("/m")
        public String put(WebRequest request) {
            return request.method();
        }

        @Patch("/m")
        public String patch(WebRequest request) {
            return request.method();
        }

        @Delete("/m")
        public String delete(WebRequest request) {
            return request.method();
        }
    }

    static WebApp app() {
        return WebApp.builder("Methods", "1").routes(Methods.class).build();
    }

    static void eachMethodReachesItsRoute(Requester app) {
        app.get("/m").send().assertStatus(200).assertText("GET");
        app.post("/m").send().assertStatus(200).assertText("POST");
        app.put("/m").send().assertStatus(200).assertText("PUT");
        app.patch("/m").send().assertStatus(200).assertText("PATCH");
        app.delete("/m").send().assertStatus(200).assertText("DELETE");
        app.request("OPTIONS", "/m").send().assertStatus(405);
    }

    @Test
    void theMethodShortcutsSendTheirMethodInProcess() {
        try (TestClient client = TestClient.open(app())) {
            eachMethodReachesItsRoute(client);
        }
    }

    @Test
    void theMethodShortcutsSendTheirMethodOverTheSocket() {
        try (LiveServer server = LiveServer.start(app())) {
            eachMethodReachesItsRoute(server);
        }
    }
}
