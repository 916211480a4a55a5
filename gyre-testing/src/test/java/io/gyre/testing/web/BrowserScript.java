package io.gyre.testing.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a script of {@code gyre-web/src/test/browser} (node and playwright-core driving Debian's
 * Chromium) against a live server, and reads the JSON line it prints last: the browser tests'
 * shared plumbing. A test first calls {@link #requireTools()}, which skips it when node,
 * Chromium or playwright-core are missing.
 */
final class BrowserScript {
    static final Path TOOLS = Path.of("..", "gyre-web", "src", "test", "browser").toAbsolutePath().normalize();
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("GYRE_CHROMIUM", "/usr/bin/chromium"));
    private static final ObjectMapper JSON = new ObjectMapper();

    private BrowserScript() {
    }

    /** Skips the calling test, saying what to install, unless node, Chromium and playwright-core are there. */
    static void requireTools() {
        assumeTrue(runs(List.of("node", "--version")),
                "node is not installed; install it to run the browser test (apt-get install -y nodejs npm)");
        assumeTrue(Files.isExecutable(CHROMIUM),
                CHROMIUM + " is missing; install it to run the browser test (apt-get install -y chromium)");
        assumeTrue(Files.isDirectory(TOOLS.resolve("node_modules/playwright-core")),
                "playwright-core is not installed; run (cd gyre-web/src/test/browser && npm ci)");
    }

    /** Starts {@code node script http://127.0.0.1:port args...}, its output and errors in one stream. */
    static Process start(String script, int port, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("node", script, "http://127.0.0.1:" + port));
        command.addAll(List.of(args));
        Process node = new ProcessBuilder(command).directory(TOOLS.toFile()).redirectErrorStream(true).start();
        node.getOutputStream().close();
        return node;
    }

    /** Runs a script to its end; returns its last line as JSON, checked for page errors and outside requests. */
    static JsonNode run(String script, int port, String... args) throws Exception {
        Process node = start(script, port, args);
        return finish(node, new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8)));
    }

    /** Reads the rest of a started script's output and parses its last line, the whole result. */
    static JsonNode finish(Process node, BufferedReader lines) throws Exception {
        StringBuilder text = new StringBuilder();
        String line;
        String last = "";
        while ((line = lines.readLine()) != null) {
            text.append(line).append('\n');
            if (!line.isBlank()) {
                last = line;
            }
        }
        assertThat(node.waitFor(120, TimeUnit.SECONDS)).as("browser script finished").isTrue();
        assertThat(last).as("script output:\n" + text).startsWith("{");
        JsonNode result = JSON.readTree(last);
        assertThat(result.path("errors")).as(text.toString()).isEmpty();
        assertThat(result.path("outside")).as("requests that left the loopback interface").isEmpty();
        return result;
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
