package io.gyre.cli;

import io.gyre.server.Handler;
import io.gyre.server.HttpServer;
import io.gyre.server.ServerConfig;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/**
 * The {@code gyre} command: {@code gyre serve com.example.App [--port 8000] ...}. Every
 * {@link ServerConfig} option is a flag ({@code --graceful-timeout 10s}) and an environment
 * variable ({@code GYRE_GRACEFUL_TIMEOUT=10s}); flags win over the environment.
 */
public final class GyreCli {
    /** Exit code for a command-line usage error. */
    public static final int EXIT_USAGE = 2;

    private GyreCli() {
    }

    /**
     * Runs the command and exits the JVM with its code.
     *
     * @param args {@code serve APP [options]}
     */
    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), new PrintWriter(System.err, true)));
    }

    /**
     * Builds the {@code serve} command's specification: the app and one flag per server option.
     *
     * @return the command spec
     */
    public static CommandSpec serveSpec() {
        CommandSpec spec = CommandSpec.create().name("serve");
        spec.usageMessage().description("Serve an app class (like 'uvicorn module:app').");
        spec.addPositional(PositionalParamSpec.builder().paramLabel("APP").arity("1").type(String.class)
                .description("com.example.App (a Handler, or a class with a static app()/create() factory) or"
                        + " com.example.App:factory").build());
        for (ServerConfig.Option o : ServerConfig.options()) {
            boolean flag = o.defaultValue().equals("true") || o.defaultValue().equals("false");
            OptionSpec.Builder b = OptionSpec.builder(o.flag()).type(String.class)
                    .description(o.description() + " (default: " + (o.defaultValue().isEmpty() ? "none"
                            : o.defaultValue()) + "; env " + o.env() + ")");
            if (flag) {
                b.arity("0..1").fallbackValue("true").paramLabel("BOOL");
            } else {
                b.arity("1").paramLabel("VALUE");
            }
            spec.addOption(b.build());
        }
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).description("Show this help.").build());
        return spec;
    }

    /**
     * Parses {@code serve} arguments into a configuration: defaults, then {@code env}, then flags.
     *
     * @param result the parsed {@code serve} command
     * @param env the environment
     * @return the configuration
     * @throws IllegalArgumentException naming an invalid option
     */
    public static ServerConfig config(ParseResult result, Map<String, String> env) {
        ServerConfig.Builder b = ServerConfig.builder().applyEnvironment(env);
        for (ServerConfig.Option o : ServerConfig.options()) {
            if (result.hasMatchedOption(o.flag())) {
                b.set(o.name(), result.matchedOptionValue(o.flag(), "true"));
            }
        }
        return b.build();
    }

    /**
     * Runs the command without exiting.
     *
     * @param args the arguments
     * @param env the environment
     * @param err where usage errors go
     * @return the exit code
     */
    public static int run(String[] args, Map<String, String> env, PrintWriter err) {
        CommandSpec root = CommandSpec.create().name("gyre");
        root.addSubcommand("serve", new CommandLine(serveSpec()));
        root.addSubcommand("openapi", new CommandLine(OpenApiCommand.spec()));
        CommandLine cli = new CommandLine(root);
        ParseResult parsed;
        try {
            parsed = cli.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            err.println("gyre: " + e.getMessage());
            e.getCommandLine().usage(err);
            return EXIT_USAGE;
        }
        if (!parsed.hasSubcommand()) {
            cli.usage(err);
            return EXIT_USAGE;
        }
        if (parsed.subcommand().commandSpec().name().equals("openapi")) {
            return OpenApiCommand.run(parsed.subcommand(), System.out, err);
        }
        ParseResult serve = parsed.subcommand();
        if (serve.isUsageHelpRequested()) {
            serve.commandSpec().commandLine().usage(err);
            return 0;
        }
        ServerConfig config;
        Handler app;
        try {
            config = config(serve, env);
            app = AppLoader.load(serve.matchedPositional(0).getValue(), Thread.currentThread().getContextClassLoader());
        } catch (IllegalArgumentException e) {
            err.println("gyre serve: " + e.getMessage());
            return HttpServer.EXIT_STARTUP_FAILED;
        }
        HttpServer.Builder server = HttpServer.builder().handler(app).config(config);
        if (app instanceof io.gyre.web.WebApp web) {
            web.serveWith(server); // the app's lifespan hooks and WebSocket routes
        }
        return server.build().run();
    }
}
