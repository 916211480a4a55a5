package io.gyre.testing.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.gyre.testing.TestClient;
import io.gyre.testing.TestResponse;
import io.gyre.web.Get;
import io.gyre.web.Post;
import io.gyre.web.Query;
import io.gyre.web.Routes;
import io.gyre.web.WebApp;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Negative;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bean Validation failures get pydantic's error types and messages, chosen by the bound that failed. */
class ConstraintErrorsTest {
    public record Sized(@Size(min = 1, max = 2) List<String> tags, @Size(min = 2, max = 5) String name,
            @Size(max = 1) Set<String> labels, @Size(min = 1) Map<String, Integer> counts) {
    }

    public record Bounded(@Min(1) int min, @Max(10) int max, @DecimalMin(value = "0.5", inclusive = false) BigDecimal above,
            @DecimalMax("9.5") BigDecimal atMost, @PositiveOrZero int zeroOrMore, @Negative int below,
            @Digits(integer = 2, fraction = 1) BigDecimal digits) {
    }

    public record Texts(@Pattern(regexp = "[a-z]+") String code, @Email String email, @NotBlank String title,
            @NotEmpty List<String> items, @Size(min = 3, message = "pick a longer nickname") String nick) {
    }

    public record Dates(@Past LocalDate born, @Future Instant due) {
    }

    @Routes
    public static final class Api {
        @Post("/dates")
        public String dates(@Valid Dates body) {
            return "ok";
        }

        @Post("/sized")
        public String sized(@Valid Sized body) {
            return "ok";
        }

        @Post("/bounded")
        public String bounded(@Valid Bounded body) {
            return "ok";
        }

        @Post("/texts")
        public String texts(@Valid Texts body) {
            return "ok";
        }

        @Get("/q")
        public String query(@Query @Size(max = 3) String tag) {
            return tag;
        }
    }

    static TestClient client;

    @BeforeAll
    static void open() {
        client = TestClient.open(WebApp.builder("Constraints", "1").routes(Api.class).build());
    }

    @AfterAll
    static void close() {
        client.close();
    }

    /** The error at {@code loc}, as "type | msg". */
    private static String error(TestResponse response, String field) {
        for (var error : response.json().get("detail")) {
            if (error.get("loc").get(error.get("loc").size() - 1).asText().equals(field)) {
                return error.get("type").asText() + " | " + error.get("msg").asText();
            }
        }
        throw new AssertionError("no error for " + field + " in " + response.text());
    }

    @Test
    void sizeFailuresAreTooShortOrTooLongByTheBoundThatFailed() {
        TestResponse short_ = client.post("/sized").jsonText("{\"tags\":[],\"name\":\"x\",\"labels\":[],\"counts\":{}}")
                .send().assertStatus(422);
        assertThat(error(short_, "tags")).isEqualTo("too_short | List should have at least 1 item after validation, not 0");
        assertThat(error(short_, "name")).isEqualTo("string_too_short | String should have at least 2 characters");
        assertThat(error(short_, "counts"))
                .isEqualTo("too_short | Dictionary should have at least 1 item after validation, not 0");
        TestResponse long_ = client.post("/sized")
                .jsonText("{\"tags\":[\"a\",\"b\",\"c\"],\"name\":\"abcdef\",\"labels\":[\"a\",\"b\"],\"counts\":{\"a\":1}}")
                .send().assertStatus(422);
        assertThat(error(long_, "tags")).isEqualTo("too_long | List should have at most 2 items after validation, not 3");
        assertThat(error(long_, "name")).isEqualTo("string_too_long | String should have at most 5 characters");
        assertThat(error(long_, "labels")).isEqualTo("too_long | Set should have at most 1 item after validation, not 2");
        assertThat(long_.json().findValues("input")).anySatisfy(input -> assertThat(input.toString()).isEqualTo("[\"a\",\"b\",\"c\"]"));
        client.get("/q?tag=abcd").send().assertStatus(422)
                .assertJson("/detail/0/type", "string_too_long")
                .assertJson("/detail/0/msg", "String should have at most 3 characters")
                .assertJson("/detail/0/input", "abcd");
    }

    @Test
    void numericBoundsNameTheirLimit() {
        TestResponse response = client.post("/bounded").jsonText("{\"min\":0,\"max\":11,\"above\":0.5,\"atMost\":9.6,"
                + "\"zeroOrMore\":-1,\"below\":0,\"digits\":123.45}").send().assertStatus(422);
        assertThat(error(response, "min")).isEqualTo("greater_than_equal | Input should be greater than or equal to 1");
        assertThat(error(response, "max")).isEqualTo("less_than_equal | Input should be less than or equal to 10");
        assertThat(error(response, "above")).isEqualTo("greater_than | Input should be greater than 0.5");
        assertThat(error(response, "atMost")).isEqualTo("less_than_equal | Input should be less than or equal to 9.5");
        assertThat(error(response, "zeroOrMore")).isEqualTo("greater_than_equal | Input should be greater than or equal to 0");
        assertThat(error(response, "below")).isEqualTo("less_than | Input should be less than 0");
        assertThat(error(response, "digits"))
                .isEqualTo("decimal_whole_digits | Decimal input should have no more than 2 digits before the decimal point");
        TestResponse places = client.post("/bounded").jsonText("{\"min\":1,\"max\":1,\"above\":1,\"atMost\":1,"
                + "\"zeroOrMore\":0,\"below\":-1,\"digits\":1.25}").send().assertStatus(422);
        assertThat(error(places, "digits"))
                .isEqualTo("decimal_max_places | Decimal input should have no more than 1 decimal place");
    }

    @Test
    void stringConstraintsUsePydanticsTypesAndAnAppsOwnMessageIsKept() {
        TestResponse response = client.post("/texts").jsonText("{\"code\":\"AB\",\"email\":\"nope\",\"title\":\" \","
                + "\"items\":[],\"nick\":\"ab\"}").send().assertStatus(422);
        assertThat(error(response, "code")).isEqualTo("string_pattern_mismatch | String should match pattern '[a-z]+'");
        assertThat(error(response, "email")).startsWith("value_error | value is not a valid email address");
        assertThat(error(response, "title")).isEqualTo("string_too_short | String should have at least 1 character");
        assertThat(error(response, "items")).isEqualTo("too_short | List should have at least 1 item after validation, not 0");
        assertThat(error(response, "nick")).isEqualTo("string_too_short | pick a longer nickname");
    }

    @Test
    void pastAndFutureAreDateOrDatetimeErrorsByTheValuesType() {
        TestResponse response = client.post("/dates").jsonText("{\"born\":\"2999-01-01\",\"due\":\"2000-01-01T00:00:00Z\"}")
                .send().assertStatus(422);
        assertThat(error(response, "born")).isEqualTo("date_past | Date should be in the past");
        assertThat(error(response, "due")).isEqualTo("datetime_future | Input should be in the future");
    }
}
