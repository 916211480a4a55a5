package io.gyre.testing.web;

import io.gyre.testing.TestClient;
import io.gyre.web.Get;
import io.gyre.web.RequestScope;
import io.gyre.web.RequestValidationException;
import io.gyre.web.Routes;
import io.gyre.web.ValidationError;
import io.gyre.web.WebApp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A provider that reads request parameters itself reports them in the route's one 422 list. */
class DependencyParametersTest {
    /** Paging read from the query by its provider. */
    public record Paging(int limit) {
    }

    /** A guard for every route of a class, reading a header. */
    public static final class Tenant {
    }

    static Paging paging(RequestScope scope) {
        String text = scope.request().query("limit").orElse("10");
        try {
            return new Paging(Integer.parseInt(text));
        } catch (NumberFormatException e) {
            throw new RequestValidationException(List.of(new ValidationError("int_parsing", List.of("query", "limit"),
                    "Input should be a valid integer, unable to parse string as an integer", Optional.of(text))));
        }
    }

    static Tenant tenant(RequestScope scope) {
        if (scope.request().header("X-Tenant").isEmpty()) {
            List<ValidationError> errors = new ArrayList<>();
            errors.add(new ValidationError("missing", List.of("header", "x-tenant"), "Field required", Optional.empty()));
            throw new RequestValidationException(errors);
        }
        return new Tenant();
    }

    @Routes(prefix = "/t", dependencies = Tenant.class)
    public static final class Items {
        @Get("/items")
        public String items(@io.gyre.web.Depends Paging paging, int q) {
            return paging.limit() + ":" + q;
        }
    }

    WebApp app() {
        return WebApp.builder("Params", "1")
                .dependency(Paging.class, DependencyParametersTest::paging)
                .dependency(Tenant.class, DependencyParametersTest::tenant)
                .routes(Items.class).build();
    }

    @Test
    void aDependencysInvalidParameterIsListedWithTheRoutesOwnErrors() {
        try (TestClient client = TestClient.open(app())) {
            client.get("/t/items?limit=x&q=y").send().assertStatus(422)
                    .assertJson("/detail/0/loc/0", "header").assertJson("/detail/0/loc/1", "x-tenant")
                    .assertJson("/detail/1/loc/0", "query").assertJson("/detail/1/loc/1", "limit")
                    .assertJson("/detail/1/input", "x")
                    .assertJson("/detail/2/loc/1", "q");
        }
    }

    @Test
    void validParametersReachTheHandler() {
        try (TestClient client = TestClient.open(app())) {
            client.get("/t/items?limit=5&q=7").header("X-Tenant", "acme").send().assertStatus(200).assertText("5:7");
        }
    }
}
