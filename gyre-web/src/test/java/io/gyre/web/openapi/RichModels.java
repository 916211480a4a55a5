package io.gyre.web.openapi;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.gyre.web.Body;
import io.gyre.web.Get;
import io.gyre.web.Post;
import io.gyre.web.Routes;
import io.gyre.web.WebApp;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** A test app whose models are the richer ones FastAPI users write, to compare the documents. */
final class RichModels {
    private RichModels() {
    }

    enum Status { ACTIVE, RETIRED }

    record Address(String street, String city) {
    }

    record Customer(String name, Address address, List<Address> previous, Status status, Optional<String> nickname,
            Optional<Address> billing) {
    }

    record Vendor(String name, Status status) {
    }

    record Containers(Map<String, Address> byName, Set<String> labels, List<List<Integer>> grid,
            Map<String, List<Double>> series) {
    }

    record Scalars(LocalDate day, Instant at, Duration took, LocalTime opens, UUID id, BigDecimal price,
            BigInteger big, byte[] blob) {
    }

    record TreeNode(String label, List<TreeNode> children) {
    }

    record User(String login) {
    }

    record Page<T>(List<T> items, long total) {
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.DEDUCTION) // readable as a body field; documented as anyOf all the same
    @JsonSubTypes({@JsonSubTypes.Type(Cat.class), @JsonSubTypes.Type(Dog.class)})
    sealed interface Pet permits Cat, Dog {
    }

    record Cat(String name, boolean indoor) implements Pet {
    }

    record Dog(String name, int barks) implements Pet {
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({@JsonSubTypes.Type(value = Circle.class, name = "circle"),
            @JsonSubTypes.Type(value = Square.class, name = "square")})
    sealed interface Shape permits Circle, Square {
    }

    record Circle(double radius) implements Shape {
    }

    record Square(double side) implements Shape {
    }

    record Drawing(List<Shape> shapes, Pet pet) {
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.DEDUCTION)
    @JsonSubTypes({@JsonSubTypes.Type(Card.class), @JsonSubTypes.Type(Transfer.class)})
    sealed interface Payment permits Card, Transfer {
    }

    record Card(String number, int expiresYear) implements Payment {
    }

    record Transfer(String iban) implements Payment {
    }

    record Renamed(@JsonProperty("full_name") String fullName, @JsonIgnore String secret,
            @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<String> note) {
    }

    record Signup(@NotBlank @Size(min = 3, max = 20) String login, @Email String email, @Min(18) @Max(130) int age,
            @Pattern(regexp = "^[A-Z]{2}$") String country, @Positive long credits,
            @DecimalMin("0.01") BigDecimal deposit, @Size(max = 5) List<String> tags) {
    }

    static final class Shop {
        private Shop() {
        }

        record Item(String name, BigDecimal price) {
        }
    }

    static final class Warehouse {
        private Warehouse() {
        }

        record Item(String sku, int count) {
        }
    }

    record Clash(Shop.Item sold, Warehouse.Item stored) {
    }

    /** The routes. */
    @Routes
    public static final class Api {
        /** Creates the routes. */
        public Api() {
        }

        @Post("/customers")
        public Customer customer(Customer customer) {
            return customer;
        }

        @Get("/vendors")
        public List<Vendor> vendors(Optional<Status> status) {
            return List.of();
        }

        @Post("/containers")
        public Containers containers(Containers containers) {
            return containers;
        }

        @Post("/scalars")
        public Scalars scalars(Scalars scalars) {
            return scalars;
        }

        @Post("/tree")
        public TreeNode tree(TreeNode tree) {
            return tree;
        }

        @Get("/customers/page")
        public Page<Customer> customerPage() {
            return new Page<>(List.of(), 0);
        }

        @Get("/users/page")
        public Page<User> userPage() {
            return new Page<>(List.of(), 0);
        }

        @Post("/drawings")
        public Drawing drawing(Drawing drawing) {
            return drawing;
        }

        @Post("/payments")
        public Payment payment(@Body Payment payment) {
            return payment;
        }

        @Get("/shape")
        public Shape shape() {
            return new Circle(1);
        }

        @Get("/renamed")
        public Renamed renamed() {
            return new Renamed("A B", "s", Optional.empty());
        }

        @Post("/signup")
        public Signup signup(Signup signup) {
            return signup;
        }

        @Post("/clash")
        public Clash clash(Clash clash) {
            return clash;
        }
    }

    static WebApp app() {
        return WebApp.builder("Rich", "1.0").routes(Api.class).build();
    }
}
