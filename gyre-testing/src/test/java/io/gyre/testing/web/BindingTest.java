package io.gyre.testing.web;

import io.gyre.web.*;

import static org.assertj.core.api.Assertions.assertThat;

import io.gyre.testing.TestClient;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BindingTest {
    public record Item(@NotBlank String name, @Positive BigDecimal price, Optional<String> note) {
    }

    public record Order(@NotBlank String customer, List<@Valid Item> items) {
    }

    public enum Color { RED, GREEN }

    @Routes(prefix = "/b")
    public static final class Bind {
        @Get("/items/{id}")
        public String item(long id, Optional<String> q, @Default("10") @Min(1) @Max(100) int limit) {
            return id + ":" + q.orElse("-") + ":" + limit;
        }

        @Get("/defaults")
        public String defaults(@Default("ALL") Optional<String> scope, @Default("1,2") List<Integer> ids,
                @Default("7") @Min(5) int size) {
            return scope.orElseThrow() + ":" + ids + ":" + size;
        }

        @Post("/pay")
        public String pay(Payment payment) { // a sealed union of records is the body, as in FastAPI
            return payment.getClass().getSimpleName();
        }

        @Get("/uuid/{id}")
        public String uuid(UUID id) {
            return id.toString();
        }

        @Get("/list")
        public String list(List<Integer> n, Optional<Color> color) {
            return n + ":" + color.map(Enum::name).orElse("none");
        }

        @Get("/headers")
        public String headers(@Header String user_agent, @Header Optional<String> xTraceId, @Header("X-Count") int count) {
            return user_agent + ":" + xTraceId.orElse("-") + ":" + count;
        }

        @Get("/cookies")
        public String cookies(@Cookie String session, @Cookie Optional<Integer> visits) {
            return session + ":" + visits.orElse(0);
        }

        @Post("/items")
        public Item create(@Valid Item item) {
            return item;
        }

        @Post("/orders")
        public int order(Order order) {
            return order.items().size();
        }

        @Post("/embed")
        public String embed(Item item, @Body("user") Person user) {
            return item.name() + ":" + user.name();
        }

        @Get("/q")
        public String query(@Query("page-size") @Size(max = 3) String pageSize) {
            return pageSize;
        }
    }

    public record Person(String name) {
    }

    @com.fasterxml.jackson.annotation.JsonTypeInfo(use = com.fasterxml.jackson.annotation.JsonTypeInfo.Id.DEDUCTION)
    @com.fasterxml.jackson.annotation.JsonSubTypes({@com.fasterxml.jackson.annotation.JsonSubTypes.Type(Card.class),
            @com.fasterxml.jackson.annotation.JsonSubTypes.Type(Transfer.class)})
    public sealed interface Payment permits Card, Transfer {
    }

    public record Card(String number) implements Payment {
    }

    public record Transfer(String iban) implements Payment {
    }

    static TestClient client;

    @BeforeAll
    static void open() {
        client = TestClient.open(WebApp.builder("Bind", "1").routes(Bind.class).build());
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @Test
    void pathQueryAndDefaultBindByName() {
        client.get("/b/items/7?q=pen").send().assertStatus(200).assertText("7:pen:10");
        client.get("/b/items/7?limit=3").send().assertText("7:-:3");
    }

    @Test
    void defaultsBindWhenAbsentAndTheSameOnEveryRequestAndGivenValuesWin() {
        for (int i = 0; i < 3; i++) {
            client.get("/b/defaults").send().assertStatus(200).assertText("ALL:[1, 2]:7");
        }
        client.get("/b/defaults?scope=mine&ids=3&size=9").send().assertText("mine:[3]:9");
        client.get("/b/defaults?size=4").send().assertStatus(422).assertJson("/detail/0/type", "greater_than_equal");
        client.get("/b/defaults").send().assertText("ALL:[1, 2]:7");
    }

    @Test
    void aSealedUnionOfRecordsIsTheBodyWithoutAnAnnotation() {
        client.post("/b/pay").json(Map.of("iban", "DE02")).send().assertStatus(200).assertText("Transfer");
        client.post("/b/pay").json(Map.of("number", "4111")).send().assertStatus(200).assertText("Card");
    }

    @Test
    void unparsablePathParameterIsA422AtPath() {
        client.get("/b/items/abc").send().assertStatus(422)
                .assertJson("/detail/0/type", "int_parsing")
                .assertJson("/detail/0/loc/0", "path")
                .assertJson("/detail/0/loc/1", "id")
                .assertJson("/detail/0/input", "abc");
        client.get("/b/uuid/nope").send().assertStatus(422).assertJson("/detail/0/type", "uuid_parsing");
    }

    @Test
    void queryErrorsOfParsingAndConstraintsAreReportedTogether() {
        var response = client.get("/b/items/abc?limit=1000").send().assertStatus(422);
        assertThat(response.json().get("detail")).hasSize(2);
        response.assertJson("/detail/1/loc/0", "query").assertJson("/detail/1/loc/1", "limit")
                .assertJson("/detail/1/type", "less_than_equal").assertJson("/detail/1/input", 1000);
    }

    @Test
    void listAndEnumQueryParameters() {
        client.get("/b/list?n=1&n=2&color=GREEN").send().assertText("[1, 2]:GREEN");
        client.get("/b/list?n=1&n=x&color=blue").send().assertStatus(422)
                .assertJson("/detail/0/loc", List.of("query", "n", 1))
                .assertJson("/detail/1/type", "enum");
    }

    @Test
    void headersUseHyphenatedNames() {
        client.get("/b/headers").header("User-Agent", "probe").header("X-Trace-Id", "t1").header("X-Count", "2")
                .send().assertStatus(200).assertText("probe:t1:2");
        client.get("/b/headers").header("X-Count", "two").send().assertStatus(422)
                .assertJson("/detail/0/loc", List.of("header", "user-agent"))
                .assertJson("/detail/0/type", "missing")
                .assertJson("/detail/1/loc", List.of("header", "X-Count"))
                .assertJson("/detail/1/type", "int_parsing");
    }

    @Test
    void cookiesBindByName() {
        client.get("/b/cookies").cookie("session", "abc").cookie("visits", "3").send().assertText("abc:3");
        client.get("/b/cookies").cookie("visits", "x").send().assertStatus(422)
                .assertJson("/detail/0/loc", List.of("cookie", "session"))
                .assertJson("/detail/1/loc", List.of("cookie", "visits"));
    }

    @Test
    void recordBodyIsBoundAndReturnedAsJson() {
        client.post("/b/items").jsonText("{\"name\":\"Pen\",\"price\":1.5}").send().assertStatus(200)
                .assertJson("/name", "Pen").assertJson("/price", 1.5).assertJson("/note", null);
    }

    @Test
    void everyBodyErrorIsReportedAtOnce() {
        var response = client.post("/b/items").jsonText("{\"name\":\" \",\"price\":-1}").send().assertStatus(422);
        assertThat(response.json().get("detail")).hasSize(2);
        assertThat(response.json().get("detail").findValuesAsText("type"))
                .containsExactlyInAnyOrder("string_too_short", "greater_than");
        client.post("/b/items").jsonText("{\"note\":\"x\"}").send().assertStatus(422)
                .assertJson("/detail/0/loc", List.of("body", "name")).assertJson("/detail/0/type", "missing")
                .assertJson("/detail/1/loc", List.of("body", "price"));
    }

    @Test
    void typeErrorsInTheBodyNameTheField() {
        client.post("/b/items").jsonText("{\"name\":\"Pen\",\"price\":\"cheap\"}").send().assertStatus(422)
                .assertJson("/detail/0/loc", List.of("body", "price"))
                .assertJson("/detail/0/type", "decimal_parsing")
                .assertJson("/detail/0/input", "cheap");
    }

    @Test
    void malformedJsonIsA422WithThePosition() {
        client.post("/b/items").jsonText("{\"name\": \"Pen\",, }").send().assertStatus(422)
                .assertJson("/detail/0/type", "json_invalid")
                .assertJson("/detail/0/loc/0", "body")
                .assertJson("/detail/0/loc/1", 15);
    }

    @Test
    void aSecondValueAfterTheBodyIsMalformedJson() {
        client.post("/b/items").jsonText("{\"name\": \"Pen\", \"price\": 2} {}").send().assertStatus(422)
                .assertJson("/detail/0/type", "json_invalid")
                .assertJson("/detail/0/loc/1", 28); // where the second value starts
    }

    @Test
    void missingBodyIsA422() {
        client.post("/b/items").send().assertStatus(422)
                .assertJson("/detail/0/loc", List.of("body")).assertJson("/detail/0/type", "missing");
    }

    @Test
    void nestedListElementsAreValidatedWithTheirIndex() {
        client.post("/b/orders").jsonText("{\"customer\":\"a\",\"items\":[{\"name\":\"x\",\"price\":1},{\"name\":\"\",\"price\":1}]}")
                .send().assertStatus(422)
                .assertJson("/detail/0/loc", List.of("body", "items", 1, "name"));
    }

    @Test
    void severalBodyParametersAreEmbeddedUnderTheirNames() {
        client.post("/b/embed").jsonText("{\"item\":{\"name\":\"Pen\",\"price\":2},\"user\":{\"name\":\"Ann\"}}")
                .send().assertStatus(200).assertText("Pen:Ann");
        client.post("/b/embed").jsonText("{\"item\":{\"name\":\"Pen\",\"price\":2}}")
                .send().assertStatus(422).assertJson("/detail/0/loc", List.of("body", "user"));
    }

    @Test
    void queryNameCanDifferFromTheJavaName() {
        client.get("/b/q?page-size=ab").send().assertText("ab");
        client.get("/b/q?page-size=abcd").send().assertStatus(422).assertJson("/detail/0/loc", List.of("query", "page-size"));
    }
}
