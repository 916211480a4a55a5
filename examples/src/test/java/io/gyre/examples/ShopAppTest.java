package io.gyre.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.gyre.testing.TestClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ShopAppTest {
    static TestClient client;

    @BeforeAll
    static void open() {
        client = TestClient.open(ShopApp.app());
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @Test
    void theCartLivesInTheSessionCookieAndAnotherVisitorHasItsOwn() {
        try (TestClient visitor = TestClient.open(ShopApp.app()); TestClient other = TestClient.open(ShopApp.app())) {
            visitor.get("/cart").send().assertStatus(200).assertJson("/count", 0).assertNoHeader("Set-Cookie");
            visitor.post("/cart/1").send().assertStatus(200).assertJson("/count", 1);
            visitor.post("/cart/2").send().assertJson("/count", 2);
            visitor.get("/cart").send().assertJson("/items/0/name", "Pen").assertJson("/count", 2);
            visitor.post("/cart/999").send().assertStatus(404).assertJson("/detail", "Item 999 not found");
            other.get("/cart").send().assertJson("/count", 0);
            visitor.post("/cart/clear").send().assertJson("/count", 0);
            visitor.get("/cart").send().assertJson("/count", 0);
        }
    }

    @Test
    void readsAnItemById() {
        client.get("/items/1").send().assertStatus(200).assertJson("/name", "Pen").assertJson("/price", 1.5);
    }

    @Test
    void unknownItemIs404WithDetail() {
        client.get("/items/999").send().assertStatus(404).assertJson("/detail", "Item 999 not found");
    }

    @Test
    void nonNumericIdIs422() {
        client.get("/items/pen").send().assertStatus(422).assertJson("/detail/0/loc", List.of("path", "id"));
    }

    @Test
    void createsAValidItemWith201() {
        var created = client.post("/items").json(Map.of("name", "Cup", "price", 3)).send().assertStatus(201)
                .assertJson("/name", "Cup");
        String location = created.header("Location").orElseThrow();
        client.get(location).send().assertStatus(200).assertJson("/name", "Cup");
    }

    @Test
    void rejectsABlankNameAndANegativePriceTogether() {
        var response = client.post("/items").json(Map.of("name", " ", "price", -1)).send().assertStatus(422);
        assertThat(response.json().get("detail").findValuesAsText("type"))
                .containsExactlyInAnyOrder("string_too_short", "greater_than");
    }

    @Test
    void keepsTheServerDemoEndpoints() {
        client.get("/").send().assertStatus(200);
        client.get("/slow?seconds=0").send().assertText("done\n");
        client.post("/echo").body("ping".getBytes(java.nio.charset.StandardCharsets.UTF_8), "text/plain").send()
                .assertText("ping");
        assertThat(client.get("/stream").send().text()).startsWith("line 1\n").contains("line 30\n");
    }

    @Test
    void echoesOverAWebSocket() {
        try (var socket = client.websocket("/ws")) {
            socket.send("hi");
            assertThat(socket.receiveText()).isEqualTo("echo: hi");
        }
    }
}
