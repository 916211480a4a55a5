package io.gyre.testing.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gyre.web.Get;
import io.gyre.web.Routes;
import io.gyre.web.WebApp;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupErrorsTest {
    @Routes
    public static final class MissingPathParameter {
        @Get("/items/{id}")
        public String read() {
            return "";
        }
    }

    @Routes
    public static final class NotSimpleQuery {
        @Get("/items")
        public String read(@io.gyre.web.Query Thread thread) {
            return "";
        }
    }

    @Routes
    public static final class Duplicate {
        @Get("/a")
        public String one() {
            return "";
        }

        @Get("/a")
        public String two() {
            return "";
        }
    }

    @Test
    void aClassCompiledWithoutParametersFailsAtBuildWithTheFix(@TempDir Path dir) throws Exception {
        Path source = dir.resolve("NoNames.java");
        Files.writeString(source, """
                public class NoNames {
                    @io.gyre.web.Get("/items/{id}")
                    public String read(long id) { return "" + id; }
                }
                """);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int code = javac.run(null, null, null, "-proc:none", "-cp", System.getProperty("java.class.path"),
                "-d", dir.toString(), source.toString());
        assertThat(code).isZero();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            Class<?> routes = loader.loadClass("NoNames");
            assertThatThrownBy(() -> WebApp.builder("NoNames", "1").routes(routes).build())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("was compiled without -parameters")
                    .hasMessageContaining("<parameters>true</parameters>");
        }
    }

    @Test
    void aPathNameWithoutParameterIsRejected() {
        assertThatThrownBy(() -> WebApp.builder("X", "1").routes(MissingPathParameter.class).build())
                .hasMessageContaining("names [id] but the method has no parameter");
    }

    @Test
    void aQueryParameterOfAComplexTypeIsRejected() {
        assertThatThrownBy(() -> WebApp.builder("X", "1").routes(NotSimpleQuery.class).build())
                .hasMessageContaining("cannot be read from the query");
    }

    @Test
    void twoHandlersForOneRouteAreRejected() {
        assertThatThrownBy(() -> WebApp.builder("X", "1").routes(Duplicate.class).build())
                .hasMessageContaining("two routes for GET /a");
    }

    @Test
    void aClassWithoutRoutesIsRejected() {
        assertThatThrownBy(() -> WebApp.builder("X", "1").routes(String.class).build())
                .hasMessageContaining("has no route methods");
    }
}
