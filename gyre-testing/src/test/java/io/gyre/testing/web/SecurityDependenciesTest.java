package io.gyre.testing.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.gyre.testing.TestClient;
import io.gyre.web.Get;
import io.gyre.web.Routes;
import io.gyre.web.Security;
import io.gyre.web.WebApp;
import org.junit.jupiter.api.Test;

/**
 * The security providers with missing and malformed credentials, compared with FastAPI's
 * {@code HTTPBearer}, {@code OAuth2PasswordBearer}, {@code APIKeyHeader} and {@code HTTPBasic}.
 */
class SecurityDependenciesTest {
    @Routes
    public static final class Secured {
        @Get("/bearer")
        public String bearer(Security.BearerToken token) {
            return token.token();
        }

        @Get("/key")
        public String key(Security.ApiKey key) {
            return key.value();
        }

        @Get("/basic")
        public String basic(Security.BasicCredentials credentials) {
            return credentials.username() + ":" + credentials.password();
        }
    }

    WebApp app() {
        return WebApp.builder("Secured", "1")
                .dependency(Security.BearerToken.class, Security.bearer())
                .dependency(Security.ApiKey.class, Security.apiKeyHeader("X-API-Key"))
                .dependency(Security.BasicCredentials.class, Security.basic("shop"))
                .routes(Secured.class).build();
    }

    @Test
    void aBearerTokenIsReadWithTheSchemeInAnyCase() {
        try (TestClient client = TestClient.open(app())) {
            client.get("/bearer").header("Authorization", "bearer abc").send().assertText("abc");
        }
    }

    @Test
    void aMissingEmptyOrOtherSchemeBearerTokenIsAnswered401WithTheBearerChallenge() {
        try (TestClient client = TestClient.open(app())) {
            for (String header : new String[] {null, "Bearer", "Bearer ", "Basic YW5uOnB3"}) {
                var request = client.get("/bearer");
                if (header != null) {
                    request.header("Authorization", header);
                }
                request.send().assertStatus(401).assertHeader("WWW-Authenticate", "Bearer")
                        .assertJson("/detail", "Not authenticated");
            }
        }
    }

    @Test
    void aMissingOrEmptyApiKeyIsAnswered401() {
        try (TestClient client = TestClient.open(app())) {
            client.get("/key").send().assertStatus(401).assertHeader("WWW-Authenticate", "APIKey")
                    .assertJson("/detail", "Not authenticated");
            client.get("/key").header("X-API-Key", "").send().assertStatus(401);
            client.get("/key").header("X-API-Key", "k1").send().assertText("k1");
        }
    }

    @Test
    void missingBasicCredentialsAreNotAuthenticated() {
        try (TestClient client = TestClient.open(app())) {
            client.get("/basic").send().assertStatus(401).assertHeader("WWW-Authenticate", "Basic realm=\"shop\"")
                    .assertJson("/detail", "Not authenticated");
            for (String header : new String[] {"Bearer x", "Basic", "Basic "}) {
                client.get("/basic").header("Authorization", header).send().assertStatus(401)
                        .assertJson("/detail", "Not authenticated");
            }
        }
    }

    @Test
    void malformedBasicCredentialsAreInvalidAsInFastApi() {
        try (TestClient client = TestClient.open(app())) {
            // not base64, and base64 of a text without a colon
            for (String header : new String[] {"Basic !!!", "Basic YWJj"}) {
                client.get("/basic").header("Authorization", header).send().assertStatus(401)
                        .assertHeader("WWW-Authenticate", "Basic realm=\"shop\"")
                        .assertJson("/detail", "Invalid authentication credentials");
            }
        }
    }

    @Test
    void aBasicPasswordMayHoldColons() {
        try (TestClient client = TestClient.open(app())) {
            // ann:p:w
            client.get("/basic").header("Authorization", "Basic YW5uOnA6dw==").send().assertText("ann:p:w");
        }
    }

    @Test
    void theSchemesAreRecordedOnTheRoutesForTheDocumentation() {
        WebApp app = app();
        assertThat(app.routes()).extracting(r -> r.security().getFirst().id())
                .containsExactlyInAnyOrder("bearerAuth", "apiKey_header_X-API-Key", "basicAuth");
    }

    @Routes(prefix = "/guarded", dependencies = Security.BearerToken.class)
    public static final class Guarded {
        @Get("/me")
        public String me(Security.BearerToken token) {
            return token.token();
        }
    }

    @Test
    void aSchemeAskedForByTheClassAndTheRouteIsRecordedOnce() {
        WebApp app = WebApp.builder("Guarded", "1")
                .dependency(Security.BearerToken.class, Security.bearer())
                .routes(Guarded.class).build();
        assertThat(app.routes()).singleElement().satisfies(r -> assertThat(r.security()).hasSize(1));
        try (TestClient client = TestClient.open(app)) {
            client.get("/guarded/me").header("Authorization", "Bearer t").send().assertText("t");
        }
    }
}
