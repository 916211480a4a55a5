package io.gyre.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gyre.testing.LiveServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A real browser (Debian's chromium, driven by playwright-core) opens a WebSocket from a page
 * served by the demo shop and exchanges text and binary messages with its {@code /ws} echo.
 * Skipped when node, chromium or playwright-core are missing.
 */
class BrowserWebSocketTest {
    private static final Path TOOLS = Path.of("..", "gyre-web", "src", "test", "browser").toAbsolutePath().normalize();
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @Test
    void aPageInChromiumTalksToTheWebSocketEcho() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "chromium is not installed (apt-get install -y chromium)");
        assumeTrue(Files.isDirectory(TOOLS.resolve("node_modules/playwright-core")),
                "playwright-core is not installed; run (cd " + TOOLS + " && npm ci)");
        try (LiveServer server = LiveServer.start(ShopApp.app())) {
            String base = "http://127.0.0.1:" + server.port();
            Process node = new ProcessBuilder("node", "ws-echo.mjs", base).directory(TOOLS.toFile())
                    .redirectErrorStream(true).start();
            node.getOutputStream().close();
            String text = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertThat(node.waitFor(120, TimeUnit.SECONDS)).as("browser script finished").isTrue();
            String last = text.substring(text.lastIndexOf('\n') + 1);
            assertThat(last).as("script output:\n" + text).startsWith("{");
            JsonNode result = new ObjectMapper().readTree(last);
            assertThat(result.path("errors")).as(text).isEmpty();
            assertThat(result.path("outside")).as("requests that left the loopback interface").isEmpty();
            assertThat(result.path("messages").get(0).asText()).isEqualTo("echo: hello from chromium");
            assertThat(result.path("messages").get(1).toString()).isEqualTo("[1,2,3,250]");
            assertThat(result.path("closeCode").asInt()).isEqualTo(1000);
            assertThat(result.path("wasClean").asBoolean()).isTrue();
        }
    }
}
