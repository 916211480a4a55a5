package io.gyre.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gyre.web.Get;
import io.gyre.web.Routes;
import io.gyre.web.WebApp;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

class OpenApiCommandTest {
    /** A routes class for the app below. */
    @Routes(prefix = "/greetings", tags = "greetings")
    public static final class Greetings {
        /** Creates the routes. */
        public Greetings() {
        }

        /**
         * Greets.
         *
         * @param name who
         * @return the greeting
         */
        @Get("/{name}")
        public String greet(String name) {
            return "hello " + name;
        }
    }

    /** An app class as {@code gyre openapi} finds it. */
    public static final class HelloApp {
        private HelloApp() {
        }

        /**
         * Builds the app.
         *
         * @return the app
         */
        public static WebApp app() {
            return WebApp.builder("Hello", "0.3").routes(Greetings.class).build();
        }
    }

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        CommandSpec root = CommandSpec.create().name("gyre");
        root.addSubcommand("openapi", new CommandLine(OpenApiCommand.spec()));
        CommandLine.ParseResult parsed = new CommandLine(root).parseArgs(args);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        int code = OpenApiCommand.run(parsed.subcommand(), Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintWriter(err, true));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString());
    }

    @Test
    void printsTheDocumentOfAWebAppWithoutStartingIt() throws Exception {
        Run r = run("openapi", HelloApp.class.getName());
        assertThat(r.code()).isZero();
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertThat(doc.path("openapi").asText()).isEqualTo("3.1.0");
        assertThat(doc.path("info").path("title").asText()).isEqualTo("Hello");
        assertThat(doc.path("paths").path("/greetings/{name}").path("get").path("operationId").asText())
                .isEqualTo("greet");
    }

    @Test
    void writesToAFileWithOutput(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("openapi.json");
        Run r = run("openapi", HelloApp.class.getName(), "--output", file.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(Files.readString(file)).contains("\"openapi\" : \"3.1.0\"");
    }

    @Test
    void aPlainHandlerIsRejectedWithTheReason() {
        Run r = run("openapi", PlainHandler.class.getName());
        assertThat(r.code()).isEqualTo(OpenApiCommand.EXIT_NOT_AN_APP);
        assertThat(r.err()).contains("not a WebApp", "WebApp.builder");
    }

    @Test
    void theCommandIsRegisteredWithGyre() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = GyreCli.run(new String[] {"openapi", "--help"}, Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintWriter(new StringWriter(), true));
        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("OpenAPI 3.1 document");
    }

    @Test
    void aMissingOutputDirectoryIsNamedWithTheFix(@TempDir Path dir) {
        Path file = dir.resolve("docs").resolve("openapi.json");
        Run r = run("openapi", HelloApp.class.getName(), "--output", file.toString());
        assertThat(r.code()).isEqualTo(OpenApiCommand.EXIT_NOT_AN_APP);
        assertThat(r.err()).contains("the directory " + dir.resolve("docs").toAbsolutePath() + " does not exist",
                "create it");
    }

    /** A server handler that is not a web app. */
    public static final class PlainHandler implements io.gyre.server.Handler {
        /** Creates the handler. */
        public PlainHandler() {
        }

        @Override
        public void handle(io.gyre.server.Request request, io.gyre.server.Response response) throws Exception {
            response.send("plain");
        }
    }
}
