package io.gyre.testing.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gyre.testing.TestClient;
import io.gyre.web.Body;
import io.gyre.web.Get;
import io.gyre.web.Post;
import io.gyre.web.Routes;
import io.gyre.web.WebApp;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A JSON number with a fractional part is refused for an integer field, as pydantic does; 2.0 is 2. */
class IntegerFieldsTest {
    public record Line(int qty, Long total, Optional<Short> shelf, BigInteger serial, List<Integer> sizes) {
    }

    public record Reading(double value, Double offset, float ratio, List<Double> samples) {
    }

    @Routes
    public static final class Cart {
        @Post("/readings")
        public String reading(Reading reading) {
            return reading.value() + " " + reading.offset() + " " + reading.ratio() + " " + reading.samples();
        }

        @Post("/lines")
        public Line add(Line line) {
            return line;
        }

        @Post("/count")
        public int count(@Body int n) {
            return n;
        }

        @Get("/page")
        public long page(long n) {
            return n;
        }
    }

    static TestClient client;

    @BeforeAll
    static void open() {
        client = TestClient.open(WebApp.builder("Cart", "1").routes(Cart.class).build());
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @Test
    void aQueryIntegerWrittenWithAZeroFractionIsThatIntegerAndAnyOtherFractionIsA422() {
        client.get("/page?n=2.0").send().assertStatus(200).assertJson("", 2);
        client.get("/page?n=-3.00").send().assertStatus(200).assertJson("", -3);
        client.get("/page?n=2.5").send().assertStatus(422).assertJson("/detail/0/type", "int_parsing");
        client.get("/page?n=2.").send().assertStatus(422).assertJson("/detail/0/type", "int_parsing");
    }

    @Test
    void aFractionalNumberForAnIntegerFieldIsA422() {
        client.post("/lines").jsonText("{\"qty\": 2.7, \"total\": 1, \"serial\": 1, \"sizes\": []}").send()
                .assertStatus(422)
                .assertJson("/detail/0/type", "int_from_float")
                .assertJson("/detail/0/loc", List.of("body", "qty"))
                .assertJson("/detail/0/msg", "Input should be a valid integer, got a number with a fractional part")
                .assertJson("/detail/0/input", 2.7);
    }

    @Test
    void everyIntegerShapeRefusesAFraction() {
        var response = client.post("/lines")
                .jsonText("{\"qty\": 1, \"total\": 3.5, \"shelf\": -0.25, \"serial\": 1e-3, \"sizes\": [1, 2.5]}")
                .send().assertStatus(422);
        assertThat(response.json().get("detail").findValuesAsText("type")).containsOnly("int_from_float").hasSize(4);
        assertThat(response.json().get("detail").findValues("loc")).extracting(Object::toString).containsExactly(
                "[\"body\",\"total\"]", "[\"body\",\"shelf\"]", "[\"body\",\"serial\"]", "[\"body\",\"sizes\",1]");
    }

    @Test
    void aWholeNumberWrittenAsAFloatIsThatInteger() {
        client.post("/lines").jsonText("{\"qty\": 2.0, \"total\": 1e3, \"shelf\": -4.00, \"serial\": 12.0, \"sizes\": [3.0]}")
                .send().assertStatus(200)
                .assertJson("/qty", 2).assertJson("/total", 1000).assertJson("/shelf", -4).assertJson("/serial", 12)
                .assertJson("/sizes", List.of(3));
    }

    @Test
    void aFractionTooSmallForADoubleIsStillAFraction() {
        client.post("/lines").jsonText("{\"qty\": 2.0000000000000000001, \"total\": 1, \"serial\": 1, \"sizes\": []}")
                .send().assertStatus(422)
                .assertJson("/detail/0/type", "int_from_float")
                .assertJson("/detail/0/loc", List.of("body", "qty"))
                .assertJson("/detail/0/msg", "Input should be a valid integer, got a number with a fractional part");
        client.post("/count").jsonText("-7.00000000000000000000001").send().assertStatus(422)
                .assertJson("/detail/0/type", "int_from_float").assertJson("/detail/0/loc", List.of("body"));
    }

    @Test
    void aWholeNumberBeyondADoublesPrecisionKeepsEveryDigit() {
        client.post("/lines").jsonText("{\"qty\": 1, \"total\": 9007199254740993.0, \"serial\": 18446744073709551615.0,"
                + " \"sizes\": []}").send().assertStatus(200)
                .assertJson("/total", 9007199254740993L)
                .assertJson("/serial", new BigInteger("18446744073709551615"));
    }

    @Test
    void doubleFieldsReadFloatsAsBefore() {
        client.post("/readings").jsonText("{\"value\": 2.0000000000000000001, \"offset\": -0.0, \"ratio\": 0.1,"
                + " \"samples\": [1e3, 2.5, 0.30000000000000004, 1.7976931348623157e308, -1e-400]}").send().assertStatus(200)
                .assertText("2.0 -0.0 0.1 [1000.0, 2.5, 0.30000000000000004, 1.7976931348623157E308, -0.0]");
    }

    @Test
    void aTopLevelIntegerBodyRefusesAFractionToo() {
        client.post("/count").jsonText("7.5").send().assertStatus(422)
                .assertJson("/detail/0/type", "int_from_float").assertJson("/detail/0/loc", List.of("body"));
        client.post("/count").jsonText("7.0").send().assertStatus(200).assertText("7");
    }

    @Test
    void aNumberOutsideTheFieldsRangeIsNotAValidInteger() {
        for (String qty : List.of("3e9", "3000000000")) {
            client.post("/lines").jsonText("{\"qty\": " + qty + ", \"total\": 1, \"serial\": 1, \"sizes\": []}").send()
                    .assertStatus(422)
                    .assertJson("/detail/0/type", "int_parsing")
                    .assertJson("/detail/0/loc", List.of("body", "qty"))
                    .assertJson("/detail/0/input", 3_000_000_000L);
        }
    }

    @Test
    void aNumberTooLargeForADoubleIsNotAFiniteNumber() {
        client.post("/lines").jsonText("{\"qty\": 1e400, \"total\": 1, \"serial\": 1, \"sizes\": []}").send()
                .assertStatus(422)
                .assertJson("/detail/0/type", "finite_number")
                .assertJson("/detail/0/msg", "Input should be a finite number");
    }

    @Test
    void anAppsOwnMapperKeepsItsBehaviour() {
        try (TestClient own = TestClient.open(WebApp.builder("Own", "1").objectMapper(new ObjectMapper())
                .routes(Cart.class).build())) {
            own.post("/count").jsonText("2.7").send().assertStatus(200).assertText("2");
        }
    }
}
