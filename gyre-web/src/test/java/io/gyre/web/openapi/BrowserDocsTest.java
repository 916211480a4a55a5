package io.gyre.web.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Drives a real browser (Debian's chromium through playwright-core) against a live server:
 * the Swagger UI page loads from bundled assets only, "Try it out" calls the app, and ReDoc
 * renders. Screenshots go to {@code target/browser/}. Skipped when node, chromium or
 * playwright-core are not installed (see {@code src/test/browser/package.json}).
 */
class BrowserDocsTest {
    private static final Path TOOLS = Path.of("src", "test", "browser");
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("GYRE_CHROMIUM", "/usr/bin/chromium"));

    @Test
    void tryItOutOnTheDocsPageShowsTheRealResponse() throws Exception {
        requireTools();
        Path shots = Path.of("target", "browser").toAbsolutePath();
        Files.createDirectories(shots);
        try (LiveServer server = new LiveServer(Showcase.app())) {
            Process node = new ProcessBuilder("node", "docs-try-it-out.mjs", server.base(), shots.toString())
                    .directory(TOOLS.toFile()).redirectErrorStream(true).start();
            node.getOutputStream().close();
            byte[] output = node.getInputStream().readAllBytes();
            assertThat(node.waitFor(120, TimeUnit.SECONDS)).as("browser script finished").isTrue();
            String text = new String(output, StandardCharsets.UTF_8).strip();
            String last = text.substring(text.lastIndexOf('\n') + 1);
            assertThat(last).as("script output:\n" + text).startsWith("{");
            JsonNode result = new ObjectMapper().readTree(last);
            assertThat(result.path("errors")).as(text).isEmpty();
            assertThat(result.path("outside")).as("requests that left the loopback interface").isEmpty();
            assertThat(result.path("status").asText()).isEqualTo("200");
            assertThat(result.path("body").asText()).contains("\"name\": \"Lamp\"", "\"price\": 19.9");
            assertThat(result.path("requestUrl").asText()).endsWith(server.base() + "/items/1");
            assertThat(result.path("redocTitle").asText()).startsWith("Showcase");
        }
        assertThat(shots.resolve("docs-try-it-out.png")).isNotEmptyFile();
    }

    private static void requireTools() {
        Assumptions.assumeTrue(runs(List.of("node", "--version")),
                "node is not installed; install it to run the browser test (apt-get install -y nodejs npm)");
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM),
                CHROMIUM + " is missing; install it to run the browser test (apt-get install -y chromium)");
        Assumptions.assumeTrue(Files.isDirectory(TOOLS.resolve("node_modules/playwright-core")),
                "playwright-core is not installed; run (cd gyre-web/src/test/browser && npm ci)");
    }

    private static boolean runs(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
