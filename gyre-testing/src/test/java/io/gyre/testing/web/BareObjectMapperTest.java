package io.gyre.testing.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gyre.testing.TestClient;
import io.gyre.web.Get;
import io.gyre.web.Routes;
import io.gyre.web.WebApp;
import jakarta.validation.constraints.Past;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** An app's own mapper without Jackson's Jdk8 and java.time modules still writes the 422 body. */
class BareObjectMapperTest {
    @Routes
    public static final class Api {
        @Get("/count")
        public int count(int n, Optional<String> label) {
            return n;
        }

        @Get("/since")
        public String since(@Past LocalDate day) {
            return day.toString();
        }
    }

    static TestClient client;

    @BeforeAll
    static void open() {
        client = TestClient.open(WebApp.builder("Bare", "1").objectMapper(new ObjectMapper()).routes(Api.class).build());
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @Test
    void aMissingQueryParameterIsA422InFastApisShape() throws Exception {
        var response = client.get("/count").send().assertStatus(422);
        assertThat(response.json()).isEqualTo(new ObjectMapper().readTree(
                "{\"detail\":[{\"type\":\"missing\",\"loc\":[\"query\",\"n\"],\"msg\":\"Field required\",\"input\":null}]}"));
    }

    @Test
    void theOffendingInputIsWrittenAsItsPlainValue() {
        client.get("/count?n=ten").send().assertStatus(422)
                .assertJson("/detail/0/type", "int_parsing").assertJson("/detail/0/input", "ten");
    }

    @Test
    void aJavaTimeInputIsWrittenAsIsoText() {
        client.get("/since?day=2999-01-31").send().assertStatus(422)
                .assertJson("/detail/0/loc", java.util.List.of("query", "day")).assertJson("/detail/0/input", "2999-01-31");
    }
}
