package io.gyre.testing.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gyre.testing.TestClient;
import io.gyre.web.Delete;
import io.gyre.web.Get;
import io.gyre.web.Post;
import io.gyre.web.Routes;
import io.gyre.web.WebApp;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RoutingTest {
    @Routes(prefix = "/r", tags = "routing")
    public static final class Paths {
        @Get("/items")
        public String list() {
            return "list";
        }

        @Post("/items")
        public String create() {
            return "create";
        }

        @Get("/items/{id:int}")
        public String byNumber(int id) {
            return "int " + id;
        }

        @Get("/items/{key}")
        public String byKey(String key) {
            return "key " + key;
        }

        @Get("/things/{id:uuid}")
        public String thing(UUID id) {
            return "uuid " + id;
        }

        @Get("/files/{rest:path}")
        public String file(String rest) {
            return "file " + rest;
        }

        @Get("/users/{name}")
        public String user(String name) {
            return "user " + name;
        }

        @Get("/users/me")
        public String me() {
            return "me";
        }

        @Get("/slash/")
        public String slash() {
            return "slash";
        }

        @Delete(value = "/items/{id:int}", name = "remove")
        public void remove(int id) {
        }
    }

    static TestClient client;

    @BeforeAll
    static void open() {
        client = TestClient.open(WebApp.builder("Routing", "1").routes(Paths.class).build());
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @Test
    void typedSegmentsChooseTheRoute() {
        client.get("/r/items/12").send().assertText("int 12");
        client.get("/r/items/pen").send().assertText("key pen");
        client.get("/r/things/" + new UUID(1, 2)).send().assertText("uuid " + new UUID(1, 2));
        client.get("/r/files/a/b/c.txt").send().assertText("file a/b/c.txt");
    }

    @Test
    void aLiteralSegmentWinsOverAParameterDeclaredBeforeIt() {
        client.get("/r/users/me").send().assertText("me");
        client.get("/r/users/ann").send().assertText("user ann");
    }

    @Test
    void percentEncodedSegmentsAreDecoded() {
        client.get("/r/items/a%20b").send().assertText("key a b");
    }

    @Test
    void unknownPathIs404WithDetail() {
        client.get("/nope").send().assertStatus(404).assertJson("/detail", "Not Found");
    }

    @Test
    void wrongMethodIs405WithAllow() {
        client.put("/r/items").send().assertStatus(405).assertHeader("Allow", "GET, HEAD, POST")
                .assertJson("/detail", "Method Not Allowed");
    }

    @Test
    void trailingSlashMismatchRedirects() {
        client.get("/r/items/?x=1").send().assertStatus(307).assertHeader("Location", "/r/items?x=1");
        client.get("/r/slash").send().assertStatus(307).assertHeader("Location", "/r/slash/");
    }

    @Test
    void headIsServedByTheGetRouteWithoutBody() {
        var response = client.request("HEAD", "/r/items").send().assertStatus(200);
        assertThat(response.bytes()).isEmpty();
    }

    @Test
    void voidHandlerAnswers204() {
        client.delete("/r/items/3").send().assertStatus(204);
    }

    @Test
    void reverseRoutingBuildsPaths() {
        assertThat(client.app().urlFor("remove", Map.of("id", 5))).isEqualTo("/r/items/5");
        assertThat(client.app().urlFor("byKey", Map.of("key", "a b"))).isEqualTo("/r/items/a%20b");
        assertThatThrownBy(() -> client.app().urlFor("missing", Map.of())).hasMessageContaining("no route named");
    }

    @Test
    void routeInfoKeepsWhatDocumentationNeeds() {
        var info = client.app().routes().stream().filter(r -> r.name().equals("remove")).findFirst().orElseThrow();
        assertThat(info.method()).isEqualTo("DELETE");
        assertThat(info.path()).isEqualTo("/r/items/{id:int}");
        assertThat(info.tags()).containsExactly("routing");
        assertThat(info.status()).isEqualTo(204);
        assertThat(info.params()).singleElement().satisfies(p -> assertThat(p.name()).isEqualTo("id"));
    }
}
