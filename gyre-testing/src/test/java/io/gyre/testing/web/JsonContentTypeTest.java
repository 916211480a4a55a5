package io.gyre.testing.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.gyre.testing.LiveServer;
import io.gyre.testing.TestClient;
import io.gyre.web.Body;
import io.gyre.web.Post;
import io.gyre.web.Routes;
import io.gyre.web.WebApp;
import io.gyre.web.WebRequest;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A JSON-bound body is parsed only when its content type is JSON or missing, as in FastAPI: a
 * cross-site "simple" POST (text/plain, no preflight) does not reach the handler.
 */
class JsonContentTypeTest {
    public record Item(String name, int price) {
    }

    @Routes
    public static final class Api {
        @Post("/items")
        public String create(Item item) {
            return item.name();
        }

        @Post("/tags")
        public int tags(@Body List<String> tags) {
            return tags.size();
        }

        @Post("/raw")
        public String raw(WebRequest request) {
            return new String(request.bodyBytes(), StandardCharsets.UTF_8);
        }
    }

    static final String JSON = "{\"name\":\"Pen\",\"price\":2}";

    static WebApp app() {
        return WebApp.builder("ContentType", "1").routes(Api.class).build();
    }

    static TestClient client;

    @BeforeAll
    static void open() {
        client = TestClient.open(app());
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @Test
    void aJsonBodySentAsTextPlainIsA422ThatNamesBothContentTypes() {
        var response = client.post("/items").body(JSON.getBytes(StandardCharsets.UTF_8), "text/plain").send()
                .assertStatus(422).assertJson("/detail/0/type", "model_attributes_type")
                .assertJson("/detail/0/loc", List.of("body"));
        assertThat(response.json().at("/detail/0/msg").asText()).contains("text/plain").contains("application/json");
        assertThat(response.json().at("/detail")).hasSize(1);
    }

    @Test
    void formAndOtherContentTypesAreNotParsedAsJsonEither() {
        client.post("/items").body(JSON.getBytes(StandardCharsets.UTF_8), "application/x-www-form-urlencoded").send()
                .assertStatus(422).assertJson("/detail/0/loc", List.of("body"));
        client.post("/items").body(JSON.getBytes(StandardCharsets.UTF_8), "application/jsonx").send()
                .assertStatus(422).assertJson("/detail/0/loc", List.of("body"));
        client.post("/tags").body("[\"a\"]".getBytes(StandardCharsets.UTF_8), "text/plain").send()
                .assertStatus(422).assertJson("/detail/0/type", "list_type");
    }

    @Test
    void jsonContentTypesWithParametersAndAnyCaseAreParsed() {
        for (String type : List.of("application/json", "application/json; charset=utf-8", "Application/JSON",
                "application/vnd.api+json", "application/merge-patch+JSON ;charset=UTF-8")) {
            client.post("/items").body(JSON.getBytes(StandardCharsets.UTF_8), type).send()
                    .assertStatus(200).assertText("Pen");
        }
    }

    @Test
    void anEmptyBodyIsStillMissingWhateverItsContentType() {
        client.post("/items").body(new byte[0], "text/plain").send()
                .assertStatus(422).assertJson("/detail/0/type", "missing");
    }

    @Test
    void rawBodiesAreLeftAlone() {
        client.post("/raw").body("hello".getBytes(StandardCharsets.UTF_8), "text/plain").send()
                .assertStatus(200).assertText("hello");
    }

    @Test
    void aBodyWithoutContentTypeIsParsedAsJson() {
        try (LiveServer server = LiveServer.start(app())) {
            server.send(HttpRequest.newBuilder(server.uri("/items")).POST(HttpRequest.BodyPublishers.ofString(JSON)).build())
                    .assertStatus(200).assertText("Pen");
        }
    }
}
