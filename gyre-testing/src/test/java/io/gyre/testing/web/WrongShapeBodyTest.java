package io.gyre.testing.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.gyre.testing.TestClient;
import io.gyre.testing.TestResponse;
import io.gyre.web.Body;
import io.gyre.web.Post;
import io.gyre.web.Routes;
import io.gyre.web.WebApp;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A JSON body of the wrong shape is a 422 whose input is the offending value, as pydantic reports it. */
class WrongShapeBodyTest {
    public record Owner(String name) {
    }

    public record Item(String name, BigDecimal price, List<String> tags, Owner owner) {
    }

    @Routes
    public static final class Api {
        @Post("/item")
        public String item(Item item) {
            return "ok";
        }

        @Post("/items")
        public String items(List<Item> items) {
            return "ok";
        }

        @Post("/embedded")
        public String embedded(Item item, @Body("owner") Owner owner) {
            return "ok";
        }
    }

    static TestClient client;

    @BeforeAll
    static void open() {
        client = TestClient.open(WebApp.builder("Shapes", "1").routes(Api.class).build());
    }

    @AfterAll
    static void close() {
        client.close();
    }

    private static String input(TestResponse response, int index) {
        return response.json().at("/detail/" + index + "/input").toString();
    }

    @Test
    void aListWhereARecordIsExpectedCarriesTheList() {
        TestResponse response = client.post("/item").jsonText("[1]").send().assertStatus(422)
                .assertJson("/detail/0/type", "model_attributes_type")
                .assertJson("/detail/0/loc", List.of("body"));
        assertThat(input(response, 0)).isEqualTo("[1]");
    }

    @Test
    void aRecordWhereAListIsExpectedCarriesTheRecord() {
        TestResponse response = client.post("/items").jsonText("{\"name\":\"pen\"}").send().assertStatus(422)
                .assertJson("/detail/0/type", "list_type")
                .assertJson("/detail/0/loc", List.of("body"));
        assertThat(input(response, 0)).isEqualTo("{\"name\":\"pen\"}");
    }

    @Test
    void wrongShapesInsideTheBodyCarryTheirValue() {
        TestResponse response = client.post("/item").jsonText("{\"name\":\"pen\",\"price\":\"x\",\"tags\":{\"a\":1},"
                + "\"owner\":[2]}").send().assertStatus(422);
        assertThat(response.json().get("detail")).hasSize(3);
        response.assertJson("/detail/0/loc", List.of("body", "price")).assertJson("/detail/0/input", "x")
                .assertJson("/detail/1/loc", List.of("body", "tags")).assertJson("/detail/1/type", "list_type")
                .assertJson("/detail/2/loc", List.of("body", "owner"))
                .assertJson("/detail/2/type", "model_attributes_type");
        assertThat(input(response, 1)).isEqualTo("{\"a\":1}");
        assertThat(input(response, 2)).isEqualTo("[2]");
        TestResponse listed = client.post("/items").jsonText("[{\"name\":\"pen\"},7]").send().assertStatus(422)
                .assertJson("/detail/0/loc", List.of("body", 1))
                .assertJson("/detail/0/type", "model_attributes_type");
        assertThat(input(listed, 0)).isEqualTo("7");
    }

    @Test
    void anEmbeddedBodyOfTheWrongShapeCarriesItsValue() {
        TestResponse response = client.post("/embedded").jsonText("{\"item\":{\"name\":\"pen\",\"price\":1,\"tags\":[],\"owner\":{\"name\":\"a\"}},"
                + "\"owner\":[3]}").send()
                .assertStatus(422)
                .assertJson("/detail/0/loc", List.of("body", "owner"))
                .assertJson("/detail/0/type", "model_attributes_type");
        assertThat(input(response, 0)).isEqualTo("[3]");
    }
}
