package io.gyre.cli;

import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.jar.JarFile;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * Where {@code gyre serve} and {@code gyre openapi} load the app from, besides Gyre's own class
 * path: {@code --app-path} / {@code GYRE_APP_PATH}, written as {@code java -cp} is. Entries are
 * separated by {@link File#pathSeparator}; each is a directory of compiled classes, a jar, or
 * {@code dir/*} for every jar in {@code dir}. An entry that does not exist is an error at once,
 * rather than a class that is not found later.
 *
 * <p>The loader it makes delegates to the CLI's own first, so the app shares Gyre's classes
 * ({@code Handler}, {@code WebApp}, Jackson) rather than loading copies from a jar of its own.
 */
record AppPath(String source, List<Path> entries) {
    /** The flag that gives the app path. */
    static final String FLAG = "--app-path";
    /** The environment variable that gives the app path when the flag is not given. */
    static final String ENV = "GYRE_APP_PATH";

    AppPath {
        entries = List.copyOf(entries);
    }

    /** No app path: the app is looked for on Gyre's own class path only. */
    static AppPath none() {
        return new AppPath("", List.of());
    }

    /** The {@code --app-path} option, for {@code serve} and {@code openapi}. */
    static OptionSpec option() {
        return OptionSpec.builder(FLAG).type(String[].class).arity("1").paramLabel("PATH")
                .description("Where to load APP from besides Gyre's class path, as for java -cp: directories of"
                        + " compiled classes and jars, separated by '" + File.pathSeparator + "'; dir/* is every jar"
                        + " in dir. May be repeated (default: none; env " + ENV + ")")
                .build();
    }

    /**
     * The app path of a parsed command: the flag's values if given, else the variable's.
     *
     * @throws IllegalArgumentException naming the entry that does not exist, and the flag or variable
     */
    static AppPath of(ParseResult command, Map<String, String> env) {
        if (command.hasMatchedOption(FLAG)) {
            return parse(List.of(command.<String[]>matchedOptionValue(FLAG, new String[0])), FLAG);
        }
        String value = env.get(ENV);
        if (value != null && !value.isBlank()) {
            return parse(List.of(value), "environment variable " + ENV);
        }
        return none();
    }

    /**
     * Runs {@code body} with the app's class loader as the thread's context class loader (where
     * Jackson, Hibernate Validator and {@code ServiceLoader} look), then restores the previous one
     * and closes the app's loader: the app has ended when {@code body} returns.
     */
    <T> T run(ClassLoader parent, Function<ClassLoader, T> body) {
        ClassLoader loader = loader(parent);
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return body.apply(loader);
        } finally {
            thread.setContextClassLoader(previous);
            if (loader != parent && loader instanceof URLClassLoader own) { // only the loader it made
                try {
                    own.close();
                } catch (IOException e) {
                    // only open jar files are released here; the app has ended either way
                }
            }
        }
    }

    /**
     * Parses one or more values of the flag or the variable, expanding {@code dir/*}.
     *
     * @param source {@link #FLAG} or "environment variable " + {@link #ENV}, for the messages
     * @throws IllegalArgumentException naming the entry that does not exist or is not a jar
     */
    static AppPath parse(List<String> values, String source) {
        List<Path> entries = new ArrayList<>();
        for (String value : values) {
            for (String entry : value.split(File.pathSeparator, -1)) {
                if (entry.isBlank()) {
                    continue; // "a::b" or a trailing separator, as java -cp allows
                }
                if (entry.equals("*") || entry.endsWith(File.separator + "*") || entry.endsWith("/*")) {
                    entries.addAll(jarsIn(entry, source));
                } else {
                    entries.add(checked(entry, source));
                }
            }
        }
        return new AppPath(source, entries);
    }

    private static Path checked(String entry, String source) {
        Path path = Path.of(entry).toAbsolutePath().normalize();
        if (Files.isDirectory(path)) {
            return path;
        }
        if (!Files.exists(path)) {
            throw new IllegalArgumentException(source + " entry '" + entry + "' does not exist (looked for " + path
                    + "). Give a directory of compiled classes (the one holding com/example/App.class), a jar,"
                    + " or dir/* for every jar in a directory.");
        }
        try {
            new JarFile(path.toFile()).close();
            return path;
        } catch (IOException e) {
            throw new IllegalArgumentException(source + " entry '" + entry + "' is neither a directory nor a jar ("
                    + path + ": " + e.getMessage() + "). Give a directory of compiled classes, a jar, or dir/* for"
                    + " every jar in a directory.", e);
        }
    }

    /** {@code dir/*}: the jars in {@code dir}, in name order, not those in its subdirectories (as java -cp). */
    private static List<Path> jarsIn(String entry, String source) {
        String dirName = entry.substring(0, entry.length() - 1);
        Path dir = Path.of(dirName.isEmpty() ? "." : dirName).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(source + " entry '" + entry + "' names a directory that does not exist"
                    + " (looked for " + dir + "). 'dir/*' stands for every jar in dir.");
        }
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jar") && Files.isRegularFile(file)) {
                    jars.add(file);
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(source + " entry '" + entry + "': cannot list " + dir + ": " + e, e);
        }
        if (jars.isEmpty()) {
            throw new IllegalArgumentException(source + " entry '" + entry + "' matches no jar: " + dir + " holds no"
                    + " *.jar file. For a directory of compiled classes, name the directory itself, without '/*'.");
        }
        jars.sort(null);
        return jars;
    }

    /**
     * Makes the class loader to load the app with: {@code parent} when there are no entries, else a
     * loader over the entries that asks {@code parent} first. The caller closes it when the app has
     * ended.
     */
    ClassLoader loader(ClassLoader parent) {
        if (entries.isEmpty()) {
            return parent;
        }
        URL[] urls = new URL[entries.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = entries.get(i).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException(source + " entry " + entries.get(i) + " cannot be a class path"
                        + " entry: " + e.getMessage(), e);
            }
        }
        return new URLClassLoader("gyre-app", urls, parent);
    }

    /** Where an app class was looked for, and how to look somewhere else: for the "not found" message. */
    String lookedIn() {
        if (entries.isEmpty()) {
            return "Looked on Gyre's own class path only. To serve your own classes, name their directory or jar: "
                    + FLAG + " target/classes (or lib/app.jar, or lib/* for every jar in lib; several separated"
                    + " by '" + File.pathSeparator + "'), or set " + ENV + ".";
        }
        StringBuilder sb = new StringBuilder("Looked on Gyre's own class path and on the app path (" + source + "):");
        for (Path entry : entries) {
            sb.append("\n    ").append(entry);
        }
        return sb.append("\nCheck that one of these holds the class (a directory must be the root of the packages,"
                + " e.g. target/classes, not target/classes/com/example), or add the right one to ")
                .append(FLAG).append('.').toString();
    }
}
