package io.gyre.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gyre.web.openapi.OpenApi;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Lints the demo shop's OpenAPI document (and the feature showcase written by gyre-web's
 * OpenApiDocumentTest) with Spectral's {@code spectral:oas} rules; any error fails.
 *
 * <p>Spectral comes from npm: {@code (cd gyre-web/src/test/openapi && npm ci)}, which CI does.
 */
class SpectralLintTest {
    private static final Path TOOLS = Path.of("..", "gyre-web", "src", "test", "openapi").toAbsolutePath().normalize();
    private static final Path SPECTRAL = TOOLS.resolve("node_modules/.bin/spectral");

    @Test
    void theDemoShopDocumentHasNoSpectralErrors() throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(SPECTRAL), "Spectral is not installed; run: (cd " + TOOLS + " && npm ci)");
        Path out = Path.of("target", "openapi").toAbsolutePath();
        Files.createDirectories(out);
        Path shop = out.resolve("ShopApp.json");
        Files.writeString(shop, OpenApi.json(ShopApp.app()), StandardCharsets.UTF_8);
        List<String> cmd = new ArrayList<>(List.of(SPECTRAL.toString(), "lint", "--ruleset",
                TOOLS.resolve(".spectral.yaml").toString(), "--fail-severity=error", shop.toString()));
        Path showcase = Path.of("..", "gyre-web", "target", "openapi", "showcase.json");
        if (Files.exists(showcase)) {
            cmd.add(showcase.toAbsolutePath().normalize().toString());
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("spectral finished").isTrue();
        assertThat(p.exitValue()).as("spectral output:\n" + output).isZero();
    }
}
