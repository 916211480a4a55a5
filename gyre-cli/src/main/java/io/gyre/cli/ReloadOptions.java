package io.gyre.cli;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code gyre serve --reload [--reload-dir DIR ...]}: restart the app when its classes, jars or
 * resources change, for development. These are options of the command line, not of the server:
 * they decide how the process runs, not how it serves. Flags win over the environment
 * ({@code GYRE_RELOAD}, {@code GYRE_RELOAD_DIRS}), as for {@code --app-path}.
 *
 * @param enabled whether to reload
 * @param dirs the extra directories to watch, besides the app path
 */
record ReloadOptions(boolean enabled, List<Path> dirs) {
    static final String FLAG = "--reload";
    static final String ENV = "GYRE_RELOAD";
    static final String DIR_FLAG = "--reload-dir";
    static final String DIRS_ENV = "GYRE_RELOAD_DIRS";
    /**
     * Set by the reloader in the environment of the app process it starts, to the reloader's pid:
     * that process then never reloads itself, and stops if the reloader is gone.
     */
    static final String SUPERVISOR_ENV = "GYRE_RELOAD_SUPERVISOR";

    ReloadOptions {
        dirs = List.copyOf(dirs);
    }

    static List<OptionSpec> options() {
        return List.of(
                OptionSpec.builder(FLAG).type(Boolean.class).arity("0..1").fallbackValue("true").paramLabel("BOOL")
                        .converters(ReloadOptions::bool)
                        .description("Restart the app when its classes, jars or resources change, for development:"
                                + " watches the " + AppPath.FLAG + " entries and every " + DIR_FLAG
                                + " (default: false; env " + ENV + ")")
                        .build(),
                OptionSpec.builder(DIR_FLAG).type(String[].class).arity("1").paramLabel("DIR")
                        .description("With " + FLAG + ", also watch this directory (e.g. src/main/resources)."
                                + " May be repeated (default: none; env " + DIRS_ENV + ", separated by '"
                                + File.pathSeparator + "')")
                        .build());
    }

    /**
     * The reload options of a parsed {@code serve} command.
     *
     * @throws IllegalArgumentException naming the flag or variable whose value is invalid
     */
    static ReloadOptions of(ParseResult command, Map<String, String> env) {
        if (env.containsKey(SUPERVISOR_ENV)) {
            return new ReloadOptions(false, List.of()); // the app process a reloader started
        }
        boolean enabled;
        if (command.hasMatchedOption(FLAG)) {
            enabled = command.<Boolean>matchedOptionValue(FLAG, Boolean.TRUE);
        } else {
            String value = env.getOrDefault(ENV, "").trim();
            enabled = !value.isEmpty() && parse(value, "environment variable " + ENV);
        }
        if (!enabled && command.hasMatchedOption(DIR_FLAG)) {
            throw new IllegalArgumentException(DIR_FLAG + " names a directory for " + FLAG + " to watch, but " + FLAG
                    + " is off, so nothing would be watched. Add " + FLAG + " (or " + ENV + "=true), or drop "
                    + DIR_FLAG + ".");
        }
        List<Path> dirs = new ArrayList<>();
        if (command.hasMatchedOption(DIR_FLAG)) {
            for (String dir : command.<String[]>matchedOptionValue(DIR_FLAG, new String[0])) {
                dirs.add(directory(dir, DIR_FLAG));
            }
        } else if (!env.getOrDefault(DIRS_ENV, "").isBlank()) {
            for (String dir : env.get(DIRS_ENV).split(File.pathSeparator)) {
                if (!dir.isBlank()) {
                    dirs.add(directory(dir, "environment variable " + DIRS_ENV));
                }
            }
        }
        return new ReloadOptions(enabled, dirs);
    }

    /**
     * What the reloader watches: the app path's directories and jars, then the extra directories.
     *
     * @throws IllegalArgumentException if there is nothing to watch
     */
    List<Path> watched(AppPath appPath) {
        Set<Path> roots = new LinkedHashSet<>(appPath.entries());
        roots.addAll(dirs);
        if (roots.isEmpty()) {
            throw new IllegalArgumentException(FLAG + " has nothing to watch: without " + AppPath.FLAG + " (or "
                    + AppPath.ENV + ") the app comes from Gyre's own class path, which the reloader does not"
                    + " watch. Name the app's classes: " + AppPath.FLAG + " target/classes (or its jar), or a"
                    + " directory to watch: " + DIR_FLAG + " DIR.");
        }
        return List.copyOf(roots);
    }

    private static Path directory(String dir, String source) {
        Path path = Path.of(dir).toAbsolutePath().normalize();
        if (!Files.isDirectory(path)) {
            throw new IllegalArgumentException(source + " '" + dir + "' is not a directory (looked for " + path
                    + "). Name a directory that exists, e.g. src/main/resources.");
        }
        return path;
    }

    private static boolean parse(String value, String source) {
        try {
            return bool(value);
        } catch (CommandLine.TypeConversionException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    private static Boolean bool(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw new CommandLine.TypeConversionException("'" + value + "' is not true or false");
        };
    }
}
