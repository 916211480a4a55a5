package io.gyre.web.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Drives a real browser (Debian's chromium through playwright-core) against a live server:
 * the Swagger UI page loads from bundled assets only, "Try it out" calls the app, and ReDoc
 * renders; on the rich models app every schema expands without errors under a title of its own,
 * and the bodies Swagger UI builds from the schemas are accepted. Screenshots go to
 * {@code target/browser/}. Skipped when node, chromium or
 * playwright-core are not installed (see {@code src/test/browser/package.json}).
 */
class BrowserDocsTest {
    private static final Path TOOLS = Path.of("src", "test", "browser");
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("GYRE_CHROMIUM", "/usr/bin/chromium"));

    @Test
    void tryItOutOnTheDocsPageShowsTheRealResponse() throws Exception {
        requireTools();
        Path shots = screenshots();
        try (LiveServer server = new LiveServer(Showcase.app())) {
            JsonNode result = runScript("docs-try-it-out.mjs", server.base(), shots.toString());
            assertThat(result.path("errors")).as(result.toString()).isEmpty();
            assertThat(result.path("outside")).as("requests that left the loopback interface").isEmpty();
            assertThat(result.path("status").asText()).isEqualTo("200");
            assertThat(result.path("body").asText()).contains("\"name\": \"Lamp\"", "\"price\": 19.9");
            assertThat(result.path("requestUrl").asText()).endsWith(server.base() + "/items/1");
            assertThat(result.path("redocTitle").asText()).startsWith("Showcase");
        }
        assertThat(shots.resolve("docs-try-it-out.png")).isNotEmptyFile();
    }

    @Test
    void richModelsRenderWithDistinctTitlesAndTheirExamplesAreAccepted() throws Exception {
        requireTools();
        Path shots = screenshots();
        try (LiveServer server = new LiveServer(RichModels.app())) {
            JsonNode result = runScript("docs-rich-models.mjs", server.base(), shots.toString(),
                    "payment", "customerPage", "shape", "clash");
            String text = result.toPrettyString();
            assertThat(result.path("errors")).as(text).isEmpty();
            assertThat(result.path("console")).as("console errors and warnings: " + text).isEmpty();
            assertThat(result.path("shownErrors")).as("errors shown on the page: " + text).isEmpty();
            assertThat(result.path("outside")).as("requests that left the loopback interface").isEmpty();
            List<String> titles = new ArrayList<>();
            result.path("titles").forEach(t -> titles.add(t.asText()));
            assertThat(titles).as(text).doesNotHaveDuplicates()
                    .contains("Drawing", "Pet", "Shape", "Circle", "Payment", "Page_Customer", "Page_User", "Renamed");
            assertThat(titles).as(text).hasSize(OpenApi.generate(RichModels.app()).path("components")
                    .path("schemas").size());
            JsonNode payment = result.path("operations").path("payment");
            assertThat(payment.path("requestBody").asText()).as(text).contains("\"number\": \"string\"");
            assertThat(payment.path("status").asText()).as(text).isEqualTo("200");
            assertThat(payment.path("body").asText()).as(text).contains("\"number\": \"string\"", "\"expiresYear\": 0");
            JsonNode page = result.path("operations").path("customerPage");
            assertThat(page.path("status").asText()).as(text).isEqualTo("200");
            assertThat(page.path("body").asText()).as(text).contains("\"items\": []", "\"total\": 0");
            assertThat(result.path("operations").path("shape").path("body").asText()).as(text)
                    .contains("\"kind\": \"circle\"", "\"radius\": 1");
            assertThat(result.path("operations").path("clash").path("status").asText()).as(text).isEqualTo("200");
        }
        assertThat(shots.resolve("docs-rich-models-schemas.png")).isNotEmptyFile();
    }

    private static Path screenshots() throws IOException {
        Path shots = Path.of("target", "browser").toAbsolutePath();
        Files.createDirectories(shots);
        return shots;
    }

    /** Runs a script of {@code src/test/browser} and parses the JSON line it prints last. */
    private static JsonNode runScript(String script, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("node", script));
        command.addAll(List.of(arguments));
        Process node = new ProcessBuilder(command).directory(TOOLS.toFile()).redirectErrorStream(true).start();
        node.getOutputStream().close();
        byte[] output = node.getInputStream().readAllBytes();
        assertThat(node.waitFor(120, TimeUnit.SECONDS)).as("browser script finished").isTrue();
        String text = new String(output, StandardCharsets.UTF_8).strip();
        String last = text.substring(text.lastIndexOf('\n') + 1);
        assertThat(last).as("script output:\n" + text).startsWith("{");
        return new ObjectMapper().readTree(last);
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
