package io.gyre.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gyre serve --app-path}: apps compiled outside Gyre's class path, served over real HTTP. */
class AppPathServeTest {
    @TempDir
    Path dir;

    @Test
    void aHandlerFromAClassDirectoryIsServedWithItsLoaderAsTheRequestsContextLoader() throws Exception {
        Path classes = CompiledApp.compile(dir.resolve("classes"), CompiledApp.HANDLER);
        try (CliServe serve = CliServe.start(Map.of(), 1, "--app-path", classes.toString(), "demo.plain.Hello")) {
            CliServe.Reply r = serve.get("/");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("hello from gyre-app in context gyre-app");
            assertThat(serve.awaitExit().code()).isZero();
        }
    }

    @Test
    void aWebAppBindsValidatesAndWritesARecordOfItsOwnLoader() throws Exception {
        Path classes = CompiledApp.compile(dir.resolve("classes"), CompiledApp.WEB_APP);
        try (CliServe serve = CliServe.start(Map.of(), 2, "demo.web.Shop", "--app-path", classes.toString())) {
            CliServe.Reply created = serve.postJson("/items", "{\"name\":\"tea\",\"price\":3}");
            assertThat(created.status()).as(created.body()).isEqualTo(200);
            JsonNode item = new ObjectMapper().readTree(created.body());
            assertThat(item.path("name").asText()).isEqualTo("TEA");
            assertThat(item.path("price").asInt()).isEqualTo(6);
            CliServe.Reply invalid = serve.postJson("/items", "{\"name\":\"tea\",\"price\":-1}");
            assertThat(invalid.status()).isEqualTo(422);
            assertThat(invalid.body()).contains("price");
            assertThat(serve.awaitExit().code()).isZero();
        }
    }

    @Test
    void aWebAppIsServedFromAJarFoundByTheVariablesWildcard() throws Exception {
        Path classes = CompiledApp.compile(dir.resolve("classes"), CompiledApp.WEB_APP);
        CompiledApp.jar(classes, dir.resolve("lib").resolve("shop.jar"));
        Map<String, String> env = Map.of(AppPath.ENV, dir.resolve("lib") + File.separator + "*");
        try (CliServe serve = CliServe.start(env, 1, "demo.web.Shop")) {
            CliServe.Reply created = serve.postJson("/items", "{\"name\":\"jar\",\"price\":1}");
            assertThat(created.status()).as(created.body()).isEqualTo(200);
            assertThat(created.body()).contains("\"JAR\"");
            assertThat(serve.awaitExit().code()).isZero();
        }
    }

    @Test
    void openapiDocumentsAWebAppFromTheAppPath() throws Exception {
        Path classes = CompiledApp.compile(dir.resolve("classes"), CompiledApp.WEB_APP);
        Path jar = CompiledApp.jar(classes, dir.resolve("shop.jar"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        int code = GyreCli.run(new String[] {"openapi", "--app-path", jar.toString(), "demo.web.Shop"}, Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintWriter(err, true));
        assertThat(code).as(err.toString()).isZero();
        JsonNode doc = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(doc.path("info").path("title").asText()).isEqualTo("Shop");
        assertThat(doc.path("paths").path("/items").path("post").isMissingNode()).isFalse();
    }
}
