package io.gyre.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gyre.server.HttpServer;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code gyre serve} and {@code gyre openapi} say when the app path or the app on it is wrong. */
class AppPathErrorsTest {
    @TempDir
    Path dir;

    private record Run(int code, String err) {
    }

    private static Run run(Map<String, String> env, String... args) {
        StringWriter err = new StringWriter();
        int code = GyreCli.run(args, env, new PrintStream(PrintStream.nullOutputStream(), true, StandardCharsets.UTF_8),
                new PrintWriter(err, true));
        return new Run(code, err.toString());
    }

    @Test
    void anEntryThatDoesNotExistIsAUsageErrorNamingItAndTheFlag() throws IOException {
        Path classes = Files.createDirectories(dir.resolve("classes"));
        String missing = dir.resolve("build").resolve("classes").toString();
        for (String command : new String[] {"serve", "openapi"}) {
            Run r = run(Map.of(), command, "--app-path", classes + File.pathSeparator + missing, "demo.App");
            assertThat(r.code()).as(command).isEqualTo(GyreCli.EXIT_USAGE);
            assertThat(r.err()).as(command).startsWith("gyre " + command + ": --app-path entry '" + missing
                    + "' does not exist");
        }
    }

    @Test
    void aBadEntryInTheVariableNamesTheVariableAndAFlagWinsOverIt() throws IOException {
        Path classes = CompiledApp.compile(dir.resolve("classes"), CompiledApp.WEB_APP);
        Map<String, String> env = Map.of(AppPath.ENV, dir.resolve("nowhere").toString());
        Run bad = run(env, "openapi", "demo.web.Shop");
        assertThat(bad.code()).isEqualTo(GyreCli.EXIT_USAGE);
        assertThat(bad.err()).contains("environment variable GYRE_APP_PATH entry '" + dir.resolve("nowhere") + "'");
        Run flagged = run(env, "openapi", "--app-path", classes.toString(), "demo.web.Shop");
        assertThat(flagged.code()).as(flagged.err()).isZero();
    }

    @Test
    void aFileThatIsNotAJarAndAWildcardOverNoJarsAreNamed() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.txt"), "not a jar");
        Run file = run(Map.of(), "serve", "--app-path", text.toString(), "demo.App");
        assertThat(file.code()).isEqualTo(GyreCli.EXIT_USAGE);
        assertThat(file.err()).contains("--app-path entry '" + text + "' is neither a directory nor a jar");
        String wildcard = dir + File.separator + "*";
        Run empty = run(Map.of(), "serve", "--app-path", wildcard, "demo.App");
        assertThat(empty.code()).isEqualTo(GyreCli.EXIT_USAGE);
        assertThat(empty.err()).contains("--app-path entry '" + wildcard + "' matches no jar",
                "name the directory itself");
    }

    @Test
    void anAppNotFoundOnThePathListsTheEntriesAndHowToAddOne() throws IOException {
        Path classes = CompiledApp.compile(dir.resolve("classes"), CompiledApp.HANDLER);
        Path lib = CompiledApp.jar(classes, dir.resolve("lib").resolve("hello.jar"));
        Run r = run(Map.of(), "serve", "--app-path", classes + File.pathSeparator + lib, "demo.plain.Goodbye");
        assertThat(r.code()).isEqualTo(HttpServer.EXIT_STARTUP_FAILED);
        assertThat(r.err()).contains("cannot load app class 'demo.plain.Goodbye'",
                "on the app path (--app-path):\n    " + classes + "\n    " + lib, "add the right one to --app-path");
    }

    @Test
    void anAppNotFoundWithoutAPathSaysHowToGiveOne() {
        Run r = run(Map.of(), "openapi", "demo.web.Shop");
        assertThat(r.code()).isEqualTo(OpenApiCommand.EXIT_NOT_AN_APP);
        assertThat(r.err()).contains("Looked on Gyre's own class path only", "--app-path target/classes",
                AppPath.ENV);
    }

    @Test
    void aClassTheAppUsesThatIsMissingFromThePathIsNamedWithTheFix() throws IOException {
        Path classes = CompiledApp.compile(dir.resolve("classes"), Map.of("demo/dep/App.java", """
                package demo.dep;

                public final class App {
                    private App() {
                    }

                    public static io.gyre.server.Handler app() {
                        return new Greeting();
                    }
                }
                """, "demo/dep/Greeting.java", """
                package demo.dep;

                public final class Greeting implements io.gyre.server.Handler {
                    @Override
                    public void handle(io.gyre.server.Request request, io.gyre.server.Response response) {
                        response.send("hello");
                    }
                }
                """));
        Files.delete(classes.resolve("demo/dep/Greeting.class")); // as if its jar were not on the path
        Run r = run(Map.of(), "serve", "--app-path", classes.toString(), "demo.dep.App");
        assertThat(r.code()).isEqualTo(HttpServer.EXIT_STARTUP_FAILED);
        assertThat(r.err()).contains("app factory demo.dep.App.app() failed", "demo/dep/Greeting",
                "add the directory or jar that holds it to --app-path");
    }

    @Test
    void anAppCompiledForANewerJavaSaysSoAndHowToRunIt() throws IOException {
        Path classes = CompiledApp.compile(dir.resolve("classes"), CompiledApp.HANDLER);
        Path hello = classes.resolve("demo/plain/Hello.class");
        byte[] bytes = Files.readAllBytes(hello);
        bytes[6] = 0;
        bytes[7] = 99; // class file version 99: a Java far in the future
        Files.write(hello, bytes);
        Run r = run(Map.of(), "serve", "--app-path", classes.toString(), "demo.plain.Hello");
        assertThat(r.code()).isEqualTo(HttpServer.EXIT_STARTUP_FAILED);
        assertThat(r.err()).contains("app class 'demo.plain.Hello' was found, but it (or a class it uses) was"
                + " compiled for a newer Java than this JVM runs (Java " + Runtime.version().feature() + ")",
                "class file version 99", "javac --release " + Runtime.version().feature());
    }
}
