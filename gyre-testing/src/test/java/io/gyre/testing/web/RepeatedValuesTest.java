package io.gyre.testing.web;

import io.gyre.testing.TestClient;
import io.gyre.web.Cookie;
import io.gyre.web.Form;
import io.gyre.web.Get;
import io.gyre.web.Header;
import io.gyre.web.Post;
import io.gyre.web.Routes;
import io.gyre.web.WebApp;
import io.gyre.web.WebRequest;
import jakarta.validation.constraints.Size;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A value sent more than once for a single-valued parameter binds as in FastAPI: the last query
 * parameter, form field and cookie, the first header.
 */
class RepeatedValuesTest {
    @Routes
    public static final class Echo {
        @Get("/query")
        public String query(int n, Optional<String> tag, List<Integer> all) {
            return n + ":" + tag.orElse("-") + ":" + all;
        }

        @Get("/tags")
        public String tags(List<String> tag, @Size(min = 1) List<String> need) {
            return tag + ":" + need;
        }

        @Get("/header")
        public String header(@Header("X-Count") int count) {
            return String.valueOf(count);
        }

        @Get("/cookie")
        public String cookie(@Cookie String session) {
            return session;
        }

        @Get("/request")
        public String request(WebRequest request) {
            return request.query("n").orElse("-") + ":" + request.queryAll("n") + ":"
                    + request.header("X-Count").orElse("-") + ":" + request.cookies().getOrDefault("session", "-");
        }

        @Post("/form")
        public String form(@Form int attempts) {
            return String.valueOf(attempts);
        }
    }

    static TestClient client;

    @BeforeAll
    static void open() {
        client = TestClient.open(WebApp.builder("Echo", "1").routes(Echo.class).build());
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @Test
    void aListParameterSentNoTimesIsEmptyUnlessASizeAsksForOne() {
        client.get("/tags?need=x").send().assertStatus(200).assertText("[]:[x]");
        client.get("/tags?tag=a").send().assertStatus(422).assertJson("/detail/0/loc/0", "query")
                .assertJson("/detail/0/loc/1", "need");
    }

    @Test
    void aRepeatedQueryParameterBindsItsLastValue() {
        client.get("/query?n=1&n=2&tag=a&tag=b&all=1&all=2").send().assertStatus(200).assertText("2:b:[1, 2]");
    }

    @Test
    void onlyTheLastValueOfARepeatedQueryParameterIsConverted() {
        client.get("/query?n=x&n=3").send().assertStatus(200).assertText("3:-:[]");
        client.get("/query?n=3&n=x").send().assertStatus(422)
                .assertJson("/detail/0/loc", List.of("query", "n")).assertJson("/detail/0/input", "x");
    }

    @Test
    void aRepeatedHeaderBindsItsFirstValue() {
        client.get("/header").header("X-Count", "1").header("X-Count", "2").send().assertStatus(200).assertText("1");
    }

    @Test
    void aDuplicateCookieNameBindsItsLastValue() {
        client.get("/cookie").header("Cookie", "session=old; theme=dark; session=new").send()
                .assertStatus(200).assertText("new");
    }

    @Test
    void theRequestAccessorsAgreeWithBinding() {
        client.get("/request?n=1&n=2").header("X-Count", "1").header("X-Count", "2")
                .header("Cookie", "session=old; session=new").send()
                .assertStatus(200).assertText("2:[1, 2]:1:new");
    }

    @Test
    void aRepeatedFormFieldBindsItsLastValue() {
        client.post("/form").body("attempts=1&attempts=4".getBytes(StandardCharsets.UTF_8),
                "application/x-www-form-urlencoded").send().assertStatus(200).assertText("4");
    }
}
