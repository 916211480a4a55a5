package io.gyre.testing.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.gyre.server.Headers;
import io.gyre.testing.TestClient;
import io.gyre.web.Get;
import io.gyre.web.HttpException;
import io.gyre.web.Post;
import io.gyre.web.ResponseCookie;
import io.gyre.web.Routes;
import io.gyre.web.WebApp;
import io.gyre.web.WebResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ResponsesTest {
    public record Point(int x, int y) {
    }

    public sealed interface Shape permits Circle, Square {
    }

    public record Circle(double radius) implements Shape {
    }

    public record Square(double side) implements Shape {
    }

    @Routes
    public static final class Answers {
        @Get("/shapes")
        public List<Shape> shapes() {
            return List.of(new Circle(1.5), new Square(2));
        }

        @Get("/shape-map")
        public Map<String, Shape> shapeMap() {
            return Map.of("c", new Circle(1));
        }

        @Get("/record")
        public Point record() {
            return new Point(1, 2);
        }

        @Get("/list")
        public List<Point> list() {
            return List.of(new Point(1, 2), new Point(3, 4));
        }

        @Get("/maybe/{found}")
        public Optional<Point> maybe(boolean found) {
            return found ? Optional.of(new Point(0, 0)) : Optional.empty();
        }

        @Get("/text")
        public String text() {
            return "hello";
        }

        @Get("/bytes")
        public byte[] bytes() {
            return new byte[] {1, 2, 3};
        }

        @Post(value = "/created", status = 201)
        public Point created() {
            return new Point(5, 5);
        }

        @Get("/custom")
        public WebResponse custom() {
            return WebResponse.of(202).header("X-Kind", "custom").cookie(ResponseCookie.of("session", "s1"))
                    .json(Map.of("ok", true));
        }

        @Get("/go")
        public WebResponse go() {
            return WebResponse.redirect("/text", 303);
        }

        @Get("/teapot")
        public String teapot() {
            throw new HttpException(418, Map.of("reason", "short and stout"), Headers.of("X-Pot", "yes"));
        }

        @Get("/boom")
        public String boom() {
            throw new IllegalStateException("secret internals");
        }

        @Get("/chunks")
        public WebResponse chunks() {
            return WebResponse.stream("text/plain", Stream.of("a", "b", "c"));
        }
    }

    static TestClient client;

    @BeforeAll
    static void open() {
        client = TestClient.open(WebApp.builder("Answers", "1").routes(Answers.class).build());
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @Test
    void recordsAndCollectionsAreJson() {
        client.get("/record").send().assertStatus(200).assertHeader("Content-Type", "application/json")
                .assertText("{\"x\":1,\"y\":2}");
        client.get("/list").send().assertJson("/1/x", 3);
    }

    @Test
    void collectionsOfAnInterfaceTypeWriteEachElementAsWhatItIs() {
        client.get("/shapes").send().assertStatus(200).assertText("[{\"radius\":1.5},{\"side\":2.0}]");
        client.get("/shape-map").send().assertStatus(200).assertText("{\"c\":{\"radius\":1.0}}");
    }

    @Test
    void emptyOptionalIs404() {
        client.get("/maybe/true").send().assertStatus(200).assertJson("/x", 0);
        client.get("/maybe/false").send().assertStatus(404).assertJson("/detail", "Not Found");
    }

    @Test
    void stringsAndBytesKeepTheirTypes() {
        client.get("/text").send().assertHeader("Content-Type", "text/plain; charset=utf-8").assertText("hello");
        assertThat(client.get("/bytes").send().assertHeader("Content-Type", "application/octet-stream").bytes())
                .containsExactly(1, 2, 3);
    }

    @Test
    void annotationStatusIsUsed() {
        client.post("/created").send().assertStatus(201).assertJson("/x", 5);
    }

    @Test
    void responseBuilderSetsStatusHeadersAndCookies() {
        client.get("/custom").send().assertStatus(202).assertHeader("X-Kind", "custom")
                .assertHeader("Set-Cookie", "session=s1; Path=/; HttpOnly; SameSite=Lax").assertJson("/ok", true);
    }

    @Test
    void redirectsCarryLocation() {
        client.get("/go").send().assertStatus(303).assertHeader("Location", "/text");
    }

    @Test
    void httpExceptionBecomesDetailWithHeaders() {
        client.get("/teapot").send().assertStatus(418).assertHeader("X-Pot", "yes")
                .assertJson("/detail/reason", "short and stout");
    }

    @Test
    void unhandledExceptionIs500WithoutInternals() {
        var response = client.get("/boom").send().assertStatus(500).assertJson("/detail", "Internal Server Error");
        assertThat(response.text()).doesNotContain("secret");
    }

    @Test
    void debugModeShowsTheException() {
        try (TestClient debug = TestClient.open(WebApp.builder("Debug", "1").routes(Answers.class).debug(true).build())) {
            assertThat(debug.get("/boom").send().assertStatus(500).text()).contains("secret internals");
        }
    }

    @Test
    void streamedElementsArriveInOrder() {
        var response = client.get("/chunks").send().assertStatus(200);
        assertThat(new String(response.bytes(), StandardCharsets.UTF_8)).isEqualTo("abc");
    }
}
