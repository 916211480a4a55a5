package io.gyre.testing.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import io.gyre.testing.TestClient;
import io.gyre.web.Default;
import io.gyre.web.Get;
import io.gyre.web.Header;
import io.gyre.web.Post;
import io.gyre.web.Routes;
import io.gyre.web.WebApp;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Enum parameters accept exactly the values the OpenAPI document lists for them, as FastAPI's do. */
class EnumParametersTest {
    public enum Color { RED, GREEN }

    public enum Size {
        SMALL("s"), MEDIUM("m"), LARGE("l");

        private final String code;

        Size(String code) {
            this.code = code;
        }

        @JsonValue
        public String code() {
            return code;
        }
    }

    public enum Level {
        @JsonProperty("lo") LOW,
        @JsonProperty("hi") HIGH
    }

    public enum Priority {
        NORMAL(1), URGENT(2);

        private final int rank;

        Priority(int rank) {
            this.rank = rank;
        }

        @JsonValue
        public int rank() {
            return rank;
        }
    }

    public record Shirt(Size size) {
    }

    @Routes
    public static final class Shop {
        @Get("/colors")
        public String color(Color color) {
            return color.name();
        }

        @Get("/sizes/{size}")
        public String size(Size size, Optional<Level> level, @Header("X-Priority") Optional<Priority> priority) {
            return size.name() + ":" + level.map(Enum::name).orElse("-") + ":" + priority.map(Enum::name).orElse("-");
        }

        @Post("/shirts")
        public Shirt shirt(Shirt shirt) {
            return shirt;
        }
    }

    @Routes
    public static final class BadDefault {
        @Get("/sizes")
        public String sizes(@Default("MEDIUM") Size size) {
            return size.name();
        }
    }

    @Routes
    public static final class GoodDefault {
        @Get("/sizes")
        public String sizes(@Default("m") Size size, @Default("lo,hi") List<Level> levels) {
            return size.name() + ":" + levels;
        }
    }

    static TestClient client;

    @BeforeAll
    static void open() {
        client = TestClient.open(WebApp.builder("Shop", "1").routes(Shop.class).build());
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @Test
    void aPlainEnumTakesItsConstantNamesExactly() {
        client.get("/colors?color=GREEN").send().assertStatus(200).assertText("GREEN");
        client.get("/colors?color=green").send().assertStatus(422)
                .assertJson("/detail/0/type", "enum")
                .assertJson("/detail/0/loc", List.of("query", "color"))
                .assertJson("/detail/0/msg", "Input should be 'RED' or 'GREEN'")
                .assertJson("/detail/0/input", "green");
    }

    @Test
    void anEnumWithJsonValuesTakesThoseValues() {
        client.get("/sizes/m?level=hi").header("X-Priority", "2").send().assertStatus(200).assertText("MEDIUM:HIGH:URGENT");
        client.get("/sizes/MEDIUM?level=HIGH").header("X-Priority", "URGENT").send().assertStatus(422)
                .assertJson("/detail/0/loc", List.of("path", "size"))
                .assertJson("/detail/0/type", "enum")
                .assertJson("/detail/0/msg", "Input should be 's', 'm' or 'l'")
                .assertJson("/detail/1/loc", List.of("query", "level"))
                .assertJson("/detail/1/msg", "Input should be 'lo' or 'hi'")
                .assertJson("/detail/2/loc", List.of("header", "X-Priority"))
                .assertJson("/detail/2/msg", "Input should be 1 or 2");
    }

    @Test
    void everyValueTheDocumentListsIsAccepted() {
        JsonNode schemas = client.get("/openapi.json").send().assertStatus(200).json().at("/components/schemas");
        List<String> sizes = texts(schemas.at("/Size/enum"));
        List<String> levels = texts(schemas.at("/Level/enum"));
        assertThat(sizes).containsExactly("s", "m", "l");
        assertThat(levels).containsExactly("lo", "hi");
        for (String size : sizes) {
            for (String level : levels) {
                client.get("/sizes/" + size + "?level=" + level).send().assertStatus(200);
            }
        }
    }

    @Test
    void aWrongEnumValueInTheBodyListsTheJsonValues() {
        client.post("/shirts").jsonText("{\"size\": \"l\"}").send().assertStatus(200).assertJson("/size", "l");
        client.post("/shirts").jsonText("{\"size\": \"LARGE\"}").send().assertStatus(422)
                .assertJson("/detail/0/type", "enum")
                .assertJson("/detail/0/loc", List.of("body", "size"))
                .assertJson("/detail/0/msg", "Input should be 's', 'm' or 'l'")
                .assertJson("/detail/0/input", "LARGE");
        client.post("/shirts").jsonText("{\"size\": 2}").send().assertStatus(422)
                .assertJson("/detail/0/type", "enum")
                .assertJson("/detail/0/loc", List.of("body", "size"));
    }

    @Test
    void aDefaultIsOneOfTheListedValuesOrTheAppDoesNotBuild() {
        try (TestClient good = TestClient.open(WebApp.builder("Good", "1").routes(GoodDefault.class).build())) {
            good.get("/sizes").send().assertStatus(200).assertText("MEDIUM:[LOW, HIGH]");
        }
        assertThatThrownBy(() -> WebApp.builder("Bad", "1").routes(BadDefault.class).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("BadDefault.sizes")
                .hasMessageContaining("@Default(\"MEDIUM\")")
                .hasMessageContaining("Input should be 's', 'm' or 'l'");
    }

    private static List<String> texts(JsonNode array) {
        assertThat(array.isArray()).as("an enum list in the document: %s", array).isTrue();
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
