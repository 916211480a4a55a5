package io.gyre.testing.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gyre.testing.TestClient;
import io.gyre.web.Get;
import io.gyre.web.Routes;
import io.gyre.web.WebApp;
import io.gyre.web.WebResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** How the client treats the app's failures, streamed bodies and non-JSON answers. */
class TestClientBasicsTest {
    static volatile CountDownLatch secondChunk = new CountDownLatch(1);

    @Routes
    public static final class Pages {
        @Get("/boom")
        public String boom() {
            throw new IllegalStateException("the ledger is locked");
        }

        @Get("/checked")
        public String checked() throws java.io.IOException {
            throw new java.io.IOException("the disk is full");
        }

        @Get("/missing")
        public String missing() {
            throw new io.gyre.web.HttpException(404, "No such page");
        }

        @Get("/html")
        public WebResponse html() {
            return WebResponse.html("<p>hello</p>");
        }

        @Get("/chunks")
        public WebResponse chunks() {
            return WebResponse.stream("text/plain", out -> {
                out.write("one\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                if (!secondChunk.await(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test did not read the first chunk");
                }
                out.write("two\n".getBytes(StandardCharsets.UTF_8));
            });
        }
    }

    static WebApp app() {
        return WebApp.builder("Pages", "1").routes(Pages.class).build();
    }

    @Test
    void anUnhandledExceptionIsThe500TheServerWouldSendAndIsLogged() {
        try (LogCapture log = LogCapture.start(); TestClient client = TestClient.open(app())) {
            client.get("/boom").send().assertStatus(500).assertJson("/detail", "Internal Server Error");
            assertThat(log.problems()).singleElement().satisfies(e -> {
                assertThat(e.message()).contains("GET /boom");
                assertThat(e.thrown()).contains("the ledger is locked");
            });
        }
    }

    @Test
    void raisingServerExceptionsThrowsTheAppsFailureInTheTest() {
        try (LogCapture log = LogCapture.start();
                TestClient client = TestClient.builder(app()).raiseServerExceptions(true).open()) {
            assertThatThrownBy(() -> client.get("/boom").send())
                    .isInstanceOf(IllegalStateException.class).hasMessage("the ledger is locked");
            assertThatThrownBy(() -> client.get("/checked").send())
                    .isInstanceOf(java.lang.reflect.UndeclaredThrowableException.class)
                    .hasCauseInstanceOf(java.io.IOException.class).hasMessageContaining("the disk is full");
            // an answered failure is a response, as before; and the client goes on serving
            client.get("/missing").send().assertStatus(404).assertJson("/detail", "No such page");
            client.get("/html").send().assertStatus(200);
            assertThat(log.problems()).as("the two failures are still logged, as on the server").hasSize(2);
        }
    }

    @Test
    void aDebugAppPutsTheExceptionInThe500Body() {
        WebApp app = WebApp.builder("Pages", "1").routes(Pages.class).debug(true).build();
        try (LogCapture log = LogCapture.start(); TestClient client = TestClient.open(app)) {
            client.get("/boom").send().assertStatus(500)
                    .assertJson("/debug/exception", "java.lang.IllegalStateException: the ledger is locked");
            assertThat(log.problems()).hasSize(1);
        }
    }

    @Test
    void aStreamedBodyIsReadWhileTheHandlerIsStillWriting() {
        secondChunk = new CountDownLatch(1);
        try (TestClient client = TestClient.open(app()); var stream = client.get("/chunks").stream()) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.readLine()).contains("one");
            secondChunk.countDown();
            assertThat(stream.readLine()).contains("two");
            assertThat(stream.readLine()).isEmpty();
        }
    }

    @Test
    void askingForJsonOfANonJsonBodySaysWhatTheBodyWas() {
        try (TestClient client = TestClient.open(app())) {
            var response = client.get("/html").send();
            assertThatThrownBy(response::json).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("response body is not JSON").hasMessageContaining("HTTP 200")
                    .hasMessageContaining("text/html").hasMessageContaining("<p>hello</p>");
            assertThatThrownBy(() -> response.assertJson("/a", 1)).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("<p>hello</p>");
            assertThatThrownBy(() -> response.assertStatus(201)).hasMessageStartingWith("expected status 201 but was 200")
                    .hasMessageContaining("<p>hello</p>");
        }
    }

    @Test
    void theLifespanRunsFromOpenToCloseAndAClosedClientSaysSo() {
        TestClient client = TestClient.open(app());
        client.get("/html").send().assertStatus(200);
        client.close();
        assertThatThrownBy(() -> client.get("/html").send()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("TestClient is closed");
    }
}
