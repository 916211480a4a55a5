package io.gyre.testing.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gyre.testing.LiveServer;
import io.gyre.web.WebApp;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A live server's requests carry what a test client's do, over the socket. */
class LiveServerRequestsTest {
    static LiveServer server;

    @BeforeAll
    static void start() {
        WebApp app = WebApp.builder("Echo", "1").routes(TestClientRequestsTest.Echo.class).routes(BindingTest.Bind.class)
                .build();
        server = LiveServer.builder(app).header("X-Team", "core").header("User-Agent", "gyre-test").start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aJsonBodyMakesTheRoundTrip() {
        server.post("/b/items").json(new BindingTest.Item("Pen", new BigDecimal("2.5"), Optional.of("blue"))).send()
                .assertStatus(200).assertJson("/name", "Pen").assertJson("/note", "blue");
        assertThat(server.post("/b/items").json(Map.of("name", "Cup", "price", 3)).send()
                .json(BindingTest.Item.class).price()).isEqualByComparingTo("3");
        server.put("/b/items").json(Map.of("name", "Cup", "price", 3)).send().assertStatus(405);
    }

    @Test
    void malformedJsonTextIsSentAsItIs() {
        server.post("/b/items").jsonText("{\"name\":").send().assertStatus(422)
                .assertJson("/detail/0/type", "json_invalid");
    }

    @Test
    void queryParametersAreEncodedAndRepeatedNamesMakeALists() {
        server.get("/search").query("q", "a b&c").query("tag", "x").query("tag", "y/z").send()
                .assertStatus(200).assertText("a b&c:[x, y/z]");
        server.get("/search?q=1").query("tag", "t").send().assertText("1:[t]");
    }

    @Test
    void defaultHeadersAreSentUnlessTheRequestSetsItsOwnAndTheHostIsTheServers() {
        String host = "127.0.0.1:" + server.port();
        server.get("/who").send().assertText("http://" + host + " core gyre-test");
        server.get("/who").header("X-Team", "web").send().assertText("http://" + host + " web gyre-test");
        server.request("GET", "/who").header("User-Agent", "mine").send().assertText("http://" + host + " core mine");
    }

    @Test
    void formFieldsAreSentUrlEncoded() {
        server.post("/login").form("username", "ann lee&co").form("role", "a").form("role", "b=c").send()
                .assertStatus(200).assertText("ann lee&co:[a, b=c]");
    }

    @Test
    void filesAndFieldsAreSentAsMultipart() {
        server.post("/upload").form("title", "report").file("file", "r \"1\".csv", "text/csv", "a,b\n".getBytes(
                StandardCharsets.UTF_8)).send().assertStatus(200).assertText("report:r %221%22.csv:text/csv:a,b\n");
    }

    @Test
    void aRawBodyIsSentWithItsContentTypeAndNoBodyAsEmpty() {
        server.post("/raw").body("<x/>".getBytes(StandardCharsets.UTF_8), "application/xml").send()
                .assertText("application/xml:<x/>");
        server.post("/raw").send().assertText("-:");
    }

    @Test
    void aHeaderTheJdkClientManagesIsRefusedWithTheReason() {
        assertThatThrownBy(() -> server.get("/who").header("Host", "shop.example").send())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("LiveServer: GET /who sets Host")
                .hasMessageContaining("baseUrl");
        assertThatThrownBy(() -> server.get("/who").header("Connection", "close").send())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("LiveServer: GET /who cannot set the header Connection");
    }
}
