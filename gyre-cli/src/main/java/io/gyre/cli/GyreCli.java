package io.gyre.cli;

import io.gyre.server.Handler;
import io.gyre.server.HttpServer;
import io.gyre.server.ServerConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/**
 * The {@code gyre} command: {@code gyre serve com.example.App [--port 8000] ...}. Every
 * {@link ServerConfig} option is a flag ({@code --graceful-timeout 10s}) and an environment
 * variable ({@code GYRE_GRACEFUL_TIMEOUT=10s}); flags win over the environment. The app is loaded
 * from Gyre's class path and from {@code --app-path} ({@code GYRE_APP_PATH}): directories of
 * compiled classes and jars, as for {@code java -cp}, e.g.
 * {@code gyre serve --app-path target/classes:lib/* com.example.App}. With {@code --reload}
 * ({@code GYRE_RELOAD=true}), for development, the app runs in a child process that restarts when
 * the app path's classes, jars or resources (or a {@code --reload-dir}) change. A usage error
 * (an unknown flag, a missing app, a flag or variable whose value is invalid) exits with
 * {@link #EXIT_USAGE}; an app that cannot be loaded, or a server that cannot start, with
 * {@link HttpServer#EXIT_STARTUP_FAILED}.
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
        System.exit(run(args, System.getenv(), System.out, new PrintWriter(System.err, true)));
    }

    /**
     * Builds the {@code serve} command's specification: the app and one flag per server option.
     *
     * @return the command spec
     */
    public static CommandSpec serveSpec() {
        CommandSpec spec = CommandSpec.create().name("serve");
        spec.usageMessage().description("Serve an app class (like 'uvicorn module:app').");
        spec.addPositional(PositionalParamSpec.builder().paramLabel("APP").arity("1").required(true).type(String.class)
                .description("com.example.App (a Handler, or a class with a static app()/create() factory) or"
                        + " com.example.App:factory").build());
        for (ServerConfig.Option o : ServerConfig.options()) {
            boolean flag = o.defaultValue().equals("true") || o.defaultValue().equals("false");
            OptionSpec.Builder b = OptionSpec.builder(o.flag())
                    .description(o.description() + " (default: " + (o.defaultValue().isEmpty() ? "none"
                            : o.defaultValue()) + "; env " + o.env() + ")");
            if (flag) {
                /* Typed as a boolean, the flag takes the next argument only when it is true or false:
                 * '--access-log com.example.App' leaves the app alone. */
                b.type(Boolean.class).arity("0..1").fallbackValue("true").paramLabel("BOOL")
                        .converters(GyreCli::bool);
            } else {
                b.type(String.class).arity("1").paramLabel("VALUE");
            }
            spec.addOption(b.build());
        }
        spec.addOption(AppPath.option());
        ReloadOptions.options().forEach(spec::addOption);
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).description("Show this help.").build());
        return spec;
    }

    /**
     * Parses {@code serve} arguments into a configuration: defaults, then {@code env}, then flags.
     * A variable is not read for an option given as a flag.
     *
     * @param result the parsed {@code serve} command
     * @param env the environment
     * @return the configuration
     * @throws IllegalArgumentException naming the flag or environment variable whose value is invalid
     */
    public static ServerConfig config(ParseResult result, Map<String, String> env) {
        Map<String, String> unflagged = new HashMap<>(env);
        for (ServerConfig.Option o : ServerConfig.options()) {
            if (result.hasMatchedOption(o.flag())) {
                unflagged.remove(o.env());
            }
        }
        ServerConfig.Builder b = ServerConfig.builder().applyEnvironment(unflagged);
        for (ServerConfig.Option o : ServerConfig.options()) {
            if (result.hasMatchedOption(o.flag())) {
                b.set(o.name(), String.valueOf(result.matchedOption(o.flag()).<Object>getValue()), o.flag());
            }
        }
        return b.build(); // every value was checked as it was set, naming its flag or variable
    }

    private static Boolean bool(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw new CommandLine.TypeConversionException("'" + value + "' is not true or false");
        };
    }

    /**
     * Runs the command without exiting; help and documents go to standard output.
     *
     * @param args the arguments
     * @param env the environment
     * @param err where usage errors go
     * @return the exit code
     */
    public static int run(String[] args, Map<String, String> env, PrintWriter err) {
        return run(args, env, System.out, err);
    }

    /**
     * Runs the command without exiting.
     *
     * @param args the arguments
     * @param env the environment
     * @param out where help and the {@code openapi} document go
     * @param err where errors go
     * @return the exit code
     */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintWriter err) {
        CommandSpec root = CommandSpec.create().name("gyre");
        root.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).description("Show this help.").build());
        root.addSubcommand("serve", new CommandLine(serveSpec()));
        root.addSubcommand("openapi", new CommandLine(OpenApiCommand.spec()));
        CommandLine cli = new CommandLine(root);
        cli.setOut(new PrintWriter(out, true));
        ParseResult parsed;
        try {
            parsed = cli.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            err.println("gyre: " + e.getMessage());
            if (e instanceof CommandLine.UnmatchedArgumentException u) {
                suggest(u, err);
            }
            err.println("Run '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' to see the usage.");
            err.flush();
            return EXIT_USAGE;
        }
        if (CommandLine.printHelpIfRequested(parsed)) {
            return 0; // on standard output, for 'gyre', 'gyre serve' or 'gyre openapi'
        }
        if (!parsed.hasSubcommand()) {
            cli.usage(err);
            return EXIT_USAGE;
        }
        if (parsed.subcommand().commandSpec().name().equals("openapi")) {
            return OpenApiCommand.run(parsed.subcommand(), env, out, err);
        }
        ParseResult serve = parsed.subcommand();
        ServerConfig config;
        AppPath appPath;
        ReloadOptions reload;
        List<Path> watched;
        try {
            config = config(serve, env);
            appPath = AppPath.of(serve, env);
            reload = ReloadOptions.of(serve, env);
            watched = reload.enabled() ? reload.watched(appPath) : List.of();
        } catch (IllegalArgumentException e) {
            err.println("gyre serve: " + e.getMessage());
            return EXIT_USAGE;
        }
        if (reload.enabled()) {
            return reload(serve, config, appPath, env, watched, err);
        }
        if (env.containsKey(ReloadOptions.SUPERVISOR_ENV)) {
            AppProcess.exitWithReloader(env, err);
        }
        return appPath.run(GyreCli.class.getClassLoader(), loader -> serve(serve, config, appPath, loader, err));
    }

    /**
     * Serves the app in a child process that restarts when the watched files change. Port 0 is
     * resolved here, once, so that every restart serves on the same port.
     */
    private static int reload(ParseResult serve, ServerConfig config, AppPath appPath, Map<String, String> env,
            List<Path> watched, PrintWriter err) {
        int port = config.port();
        if (port == 0) {
            try (ServerSocket probe = new ServerSocket()) {
                probe.bind(new InetSocketAddress(config.host(), 0));
                port = probe.getLocalPort();
            } catch (IOException e) {
                err.println("gyre serve: cannot find a free port on " + config.host() + " for --port 0 (" + e
                        + "). Give a port: --port 8000.");
                return HttpServer.EXIT_STARTUP_FAILED;
            }
        }
        return new Reloader(AppProcess.command(serve, port, appPath), env, watched, config, err).run();
    }

    /** Loads the app with the app's loader, which is the thread's context class loader, and serves it. */
    private static int serve(ParseResult serve, ServerConfig config, AppPath appPath, ClassLoader loader,
            PrintWriter err) {
        Handler app;
        try {
            app = AppLoader.load(serve.matchedPositional(0).getValue(), loader, appPath.lookedIn());
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

    /** Names the flag closest to each unknown one, when one is close (a typo, not another word). */
    private static void suggest(CommandLine.UnmatchedArgumentException e, PrintWriter err) {
        for (String arg : e.getUnmatched()) {
            String flag = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (!flag.startsWith("-")) {
                continue;
            }
            String best = null;
            int bestDistance = Integer.MAX_VALUE;
            for (String name : e.getCommandLine().getCommandSpec().optionsMap().keySet()) {
                int d = distance(flag, name);
                if (d < bestDistance) {
                    best = name;
                    bestDistance = d;
                }
            }
            if (best != null && bestDistance <= Math.max(1, flag.length() / 4)) {
                err.println("Did you mean " + best + "?");
            }
        }
    }

    /** The edit distance between two strings: insertions, deletions, substitutions and swaps. */
    private static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            for (int j = 0; j <= b.length(); j++) {
                if (i == 0 || j == 0) {
                    d[i][j] = i + j;
                    continue;
                }
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
