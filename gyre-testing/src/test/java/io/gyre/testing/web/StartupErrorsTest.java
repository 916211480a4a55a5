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

    public sealed interface Pet permits Cat, Dog {
    }

    public record Cat(String name) implements Pet {
    }

    public record Dog(int barks) implements Pet {
    }

    @com.fasterxml.jackson.annotation.JsonTypeInfo(use = com.fasterxml.jackson.annotation.JsonTypeInfo.Id.DEDUCTION)
    @com.fasterxml.jackson.annotation.JsonSubTypes({@com.fasterxml.jackson.annotation.JsonSubTypes.Type(Tulip.class),
            @com.fasterxml.jackson.annotation.JsonSubTypes.Type(Rose.class)})
    public sealed interface Flower permits Tulip, Rose {
    }

    public record Tulip(String color) implements Flower {
    }

    public record Rose(int thorns) implements Flower {
    }

    @Routes
    public static final class UnreadablePets {
        @io.gyre.web.Post("/pets")
        public String adopt(java.util.List<Pet> pets) {
            return "";
        }
    }

    @Routes
    public static final class ReadableFlowers {
        @io.gyre.web.Post("/flowers")
        public String plant(Flower flower, @io.gyre.web.Body("more") java.util.Map<String, Flower> more) {
            return "";
        }
    }

    @Test
    void aBodyOfAnAbstractTypeTheMapperCannotReadFailsAtBuildWithTheFix() {
        assertThatThrownBy(() -> WebApp.builder("T", "1").routes(UnreadablePets.class).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("body parameter 'pets'")
                .hasMessageContaining("Pet is an interface without type information")
                .hasMessageContaining("@JsonTypeInfo(use = JsonTypeInfo.Id.DEDUCTION)");
        assertThat(WebApp.builder("T", "1").routes(ReadableFlowers.class).build())
                .as("an abstract body type with type information builds").isNotNull();
    }

    public record Owner(String name, Pet pet) {
    }

    public record Household(String street, java.util.List<Owner> owners) {
    }

    /** Readable: the field says how to read it, or is skipped, and the tree refers to itself. */
    public record Shelter(@com.fasterxml.jackson.databind.annotation.JsonDeserialize(as = Cat.class) Pet resident,
            @com.fasterxml.jackson.annotation.JsonIgnore Pet visitor, java.util.List<Shelter> branches,
            java.util.Optional<Flower> garden) {
    }

    @Routes
    public static final class UnreadableHouseholds {
        @io.gyre.web.Post("/households")
        public String register(Household household) {
            return "";
        }
    }

    @Routes
    public static final class ReadableShelters {
        @io.gyre.web.Post("/shelters")
        public String open(Shelter shelter) {
            return "";
        }
    }

    @Test
    void anAbstractTypeDeepInsideARecordBodyFailsAtBuildNamingTheField() {
        assertThatThrownBy(() -> WebApp.builder("T", "1").routes(UnreadableHouseholds.class).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("body parameter 'household', field 'owners.pet',")
                .hasMessageContaining("Pet is an interface without type information");
        assertThat(WebApp.builder("T", "1").routes(ReadableShelters.class).build())
                .as("annotated, ignored, self-referring and typed fields build").isNotNull();
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
