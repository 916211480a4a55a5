package io.gyre.cli;

import io.gyre.server.Handler;
import io.gyre.web.WebApp;
import io.gyre.web.openapi.OpenApi;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code gyre openapi com.example.App [-o FILE]}: prints a web app's OpenAPI document without
 * starting it (no lifespan runs, no port is bound), so a build can check it in and diff it.
 */
final class OpenApiCommand {
    /** Exit code when the app cannot be loaded or is not a web app. */
    static final int EXIT_NOT_AN_APP = 1;

    private OpenApiCommand() {
    }

    static CommandSpec spec() {
        CommandSpec spec = CommandSpec.create().name("openapi");
        spec.usageMessage().description("Print a web app's OpenAPI 3.1 document without starting it.");
        spec.addPositional(PositionalParamSpec.builder().paramLabel("APP").arity("1").required(true).type(String.class)
                .description("com.example.App (a class with a static app()/create() factory returning a WebApp) or"
                        + " com.example.App:factory").build());
        spec.addOption(OptionSpec.builder("-o", "--output").paramLabel("FILE").type(String.class)
                .description("Write the document to FILE instead of standard output.").build());
        spec.addOption(AppPath.option());
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).description("Show this help.").build());
        return spec;
    }

    static int run(ParseResult command, Map<String, String> env, PrintStream out, PrintWriter err) {
        AppPath appPath;
        try {
            appPath = AppPath.of(command, env);
        } catch (IllegalArgumentException e) {
            err.println("gyre openapi: " + e.getMessage());
            return GyreCli.EXIT_USAGE;
        }
        return appPath.run(OpenApiCommand.class.getClassLoader(), loader -> print(command, appPath, loader, out, err));
    }

    private static int print(ParseResult command, AppPath appPath, ClassLoader loader, PrintStream out,
            PrintWriter err) {
        String spec = command.matchedPositional(0).getValue();
        Handler app;
        try {
            app = AppLoader.load(spec, loader, appPath.lookedIn());
        } catch (IllegalArgumentException e) {
            err.println("gyre openapi: " + e.getMessage());
            return EXIT_NOT_AN_APP;
        }
        if (!(app instanceof WebApp web)) {
            err.println("gyre openapi: '" + spec + "' is a " + app.getClass().getName() + ", not a WebApp; only apps"
                    + " built with WebApp.builder(...) have typed routes to document");
            return EXIT_NOT_AN_APP;
        }
        String json = OpenApi.json(web);
        if (command.hasMatchedOption("--output")) {
            Path file = Path.of(command.<String>matchedOptionValue("--output", "openapi.json"));
            try {
                Files.writeString(file, json, StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println("gyre openapi: cannot write " + file.toAbsolutePath() + ": " + why(file, e));
                return EXIT_NOT_AN_APP;
            }
        } else {
            out.print(json);
            out.flush();
        }
        return 0;
    }

    /** The reason a write failed: a file system exception's message is often only the path. */
    private static String why(Path file, IOException e) {
        Path dir = file.toAbsolutePath().getParent();
        if (e instanceof NoSuchFileException) {
            return "the directory " + dir + " does not exist; create it or choose another --output path";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied; choose a path you can write to";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.toString();
    }
}
