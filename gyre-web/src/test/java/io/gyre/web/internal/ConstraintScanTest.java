package io.gyre.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gyre.web.Body;
import io.gyre.web.Get;
import io.gyre.web.Post;
import io.gyre.web.Routes;
import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConstraintScanTest {
    // ---- body types ----

    record Plain(String name, int count, List<String> tags) {
    }

    record Named(@NotBlank String name) {
    }

    record Tagged(List<@Email String> emails) {
    }

    abstract static class Base {
        @Min(1)
        int quantity;
    }

    static final class Derived extends Base {
        String note;
    }

    @Retention(RetentionPolicy.RUNTIME)
    @Constraint(validatedBy = {})
    @Repeatable(Even.List.class)
    @interface Even {
        String message() default "must be even";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};

        @Retention(RetentionPolicy.RUNTIME)
        @interface List {
            Even[] value();
        }
    }

    record Custom(@Even int n) {
    }

    record Repeated(@Even @Even int n) {
    }

    static final class Node {
        Node next;
        String label;
    }

    interface Animal {
    }

    static class OpenPlain {
        String name;
    }

    record Wrapper(@Valid Plain inner) {
    }

    @Test
    void typesWithoutAnyConstraintNeedNoValidator() {
        ConstraintScan scan = new ConstraintScan();
        assertThat(scan.type(Plain.class)).isFalse();
        assertThat(scan.type(String.class)).isFalse();
        assertThat(scan.type(int[].class)).isFalse();
        assertThat(scan.type(Node.class)).as("a type that refers to itself").isFalse();
        assertThat(scan.type(Integer.class)).isFalse();
        assertThat(scan.type(typeOf("plainOptional"))).isFalse();
    }

    @Test
    void constraintsAreFoundWhereverBeanValidationWouldLook() {
        ConstraintScan scan = new ConstraintScan();
        assertThat(scan.type(Named.class)).as("record component").isTrue();
        assertThat(scan.type(Tagged.class)).as("type argument").isTrue();
        assertThat(scan.type(Derived.class)).as("superclass field").isTrue();
        assertThat(scan.type(Custom.class)).as("custom constraint").isTrue();
        assertThat(scan.type(Repeated.class)).as("container of a repeated constraint").isTrue();
        assertThat(scan.type(Wrapper.class)).as("cascade").isTrue();
        assertThat(scan.type(typeOf("namedOptional"))).as("type argument of a final generic type").isTrue();
    }

    @Test
    void aDeclaredTypeThatASubclassCouldStandForCountsAsConstrained() {
        ConstraintScan scan = new ConstraintScan();
        assertThat(scan.type(Animal.class)).as("interface").isTrue();
        assertThat(scan.type(OpenPlain.class)).as("non-final class").isTrue();
        assertThat(scan.type(Object.class)).isTrue();
        assertThat(scan.type(java.io.Serializable.class)).as("a JDK interface a mapper may fill with a user class").isTrue();
        assertThat(scan.type(Number.class)).as("an abstract JDK class").isTrue();
        assertThat(scan.type(typeOf("plainList"))).as("a list, which a mapper may fill with a subclass").isTrue();
        assertThat(scan.type(Plain[].class)).as("an array of records").isFalse();
    }

    interface Contract {
        void order(@Min(1) int quantity);
    }

    static final class Implementation implements Contract {
        @Override
        public void order(int quantity) {
        }

        public void plain(String name, List<String> tags) {
        }

        public void sized(@Size(max = 3) String name) {
        }

        public void emails(List<@Email String> emails) {
        }

        public void nested(@Valid Plain plain) {
        }
    }

    @Test
    void methodParametersAreConstrainedHereOrWhereTheMethodIsFirstDeclared() {
        ConstraintScan scan = new ConstraintScan();
        assertThat(scan.method(method("plain"))).isFalse();
        assertThat(scan.method(method("sized"))).isTrue();
        assertThat(scan.method(method("emails"))).isTrue();
        assertThat(scan.method(method("nested"))).isTrue();
        assertThat(scan.method(method("order"))).as("constraint on the interface's method").isTrue();
    }

    @Routes
    public static final class Unconstrained {
        @Get("/items")
        public String items(Optional<String> q) {
            return "items";
        }

        @Post("/items")
        public Plain create(@Body Plain item) {
            return item;
        }
    }

    @Routes
    public static final class Constrained {
        @Post("/named")
        public Named create(@Body Named item) {
            return item;
        }
    }

    @Test
    void aCompilerOfRoutesWithoutConstraintsDoesNotNeedTheValidator() {
        RouteCompiler compiler = new RouteCompiler(new ObjectMapper(), new Dependencies(Map.of()), type -> Optional.empty(),
                List.of());
        compiler.compile(Unconstrained.class);
        assertThat(compiler.validates()).isFalse();
        compiler.compile(Constrained.class);
        assertThat(compiler.validates()).isTrue();
    }

    // ---- helpers ----

    @SuppressWarnings("unused") // read through reflection for their generic types
    private static final class Generic {
        List<Plain> plainList;
        Optional<Plain> plainOptional;
        Optional<Named> namedOptional;
    }

    private static Type typeOf(String field) {
        try {
            return Generic.class.getDeclaredField(field).getGenericType();
        } catch (NoSuchFieldException e) {
            throw new AssertionError(e);
        }
    }

    private static Method method(String name) {
        for (Method m : Implementation.class.getDeclaredMethods()) {
            if (m.getName().equals(name)) {
                return m;
            }
        }
        throw new AssertionError("no method " + name);
    }
}
