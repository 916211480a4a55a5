package io.gyre.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** Apps compiled while the tests run, into directories that are not on the tests' class path. */
final class CompiledApp {
    /** A handler that says which loader loaded it and which is its request's context class loader. */
    static final Map<String, String> HANDLER = Map.of("demo/plain/Hello.java", """
            package demo.plain;

            public final class Hello implements io.gyre.server.Handler {
                public Hello() {
                }

                @Override
                public void handle(io.gyre.server.Request request, io.gyre.server.Response response) {
                    response.send("hello from " + getClass().getClassLoader().getName() + " in context "
                            + Thread.currentThread().getContextClassLoader().getName());
                }
            }
            """);

    /** A web app whose route takes and returns a record, with a constraint Bean Validation checks. */
    static final Map<String, String> WEB_APP = Map.of("demo/web/Shop.java", """
            package demo.web;

            import io.gyre.web.Post;
            import io.gyre.web.Routes;
            import io.gyre.web.WebApp;
            import jakarta.validation.Valid;
            import jakarta.validation.constraints.Positive;

            public final class Shop {
                private Shop() {
                }

                public record Item(String name, @Positive int price) {
                }

                @Routes(prefix = "/items")
                public static final class Items {
                    public Items() {
                    }

                    @Post
                    public Item create(@Valid Item item) {
                        return new Item(item.name().toUpperCase(java.util.Locale.ROOT), item.price() * 2);
                    }
                }

                public static WebApp app() {
                    return WebApp.builder("Shop", "1.0").routes(Items.class).build();
                }
            }
            """);

    private CompiledApp() {
    }

    /** Compiles {@code sources} (path in the package tree to source text) into {@code classes}. */
    static Path compile(Path classes, Map<String, String> sources) throws IOException {
        Path src = Files.createDirectories(classes.resolveSibling(classes.getFileName() + "-src"));
        List<Path> files = new ArrayList<>();
        for (Map.Entry<String, String> e : sources.entrySet()) {
            Path file = src.resolve(e.getKey());
            Files.createDirectories(file.getParent());
            files.add(Files.writeString(file, e.getValue(), StandardCharsets.UTF_8));
        }
        Files.createDirectories(classes);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            boolean ok = javac.getTask(null, fm, diagnostics, List.of("-d", classes.toString(), "-classpath",
                    testClassPath(), "-proc:none", "-parameters"), null, fm.getJavaFileObjectsFromPaths(files)).call();
            assertThat(ok).as("the test app compiles: %s", diagnostics.getDiagnostics()).isTrue();
        }
        return classes;
    }

    /** The tests' class path, which holds Gyre and its dependencies. */
    private static String testClassPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    /** Packs every file under {@code classes} into the jar {@code jar}. */
    static Path jar(Path classes, Path jar) throws IOException {
        Files.createDirectories(jar.getParent());
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
                Stream<Path> tree = Files.walk(classes)) {
            for (Path p : tree.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(p));
                out.closeEntry();
            }
        }
        return jar;
    }
}
