package io.gyre.web.openapi;

import io.gyre.web.Body;
import io.gyre.web.Cookie;
import io.gyre.web.Default;
import io.gyre.web.Delete;
import io.gyre.web.Get;
import io.gyre.web.Header;
import io.gyre.web.HttpException;
import io.gyre.web.Post;
import io.gyre.web.Put;
import io.gyre.web.Query;
import io.gyre.web.Routes;
import io.gyre.web.Security;
import io.gyre.web.WebApp;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** A test app that uses every feature the OpenAPI document describes. */
public final class Showcase {
    private Showcase() {
    }

    /** A color. */
    public enum Color { RED, GREEN, BLUE }

    /**
     * A box size.
     *
     * @param width width in cm
     * @param height height in cm
     */
    public record Dimensions(@Positive int width, @Positive int height) {
    }

    /**
     * An item.
     *
     * @param name the name
     * @param price the price
     * @param note a note
     * @param tags tags
     * @param stock stock by warehouse
     * @param color the color
     * @param size the size
     * @param added when added
     */
    public record Item(@NotBlank @Size(max = 40) String name, @Positive BigDecimal price, Optional<String> note,
            Set<String> tags, Map<String, Integer> stock, Color color, Optional<Dimensions> size,
            Optional<Instant> added) {
    }

    /**
     * A user.
     *
     * @param id the id
     * @param email the email
     * @param born the birthday
     */
    public record User(UUID id, @Email String email, Optional<LocalDate> born) {
    }

    /** The item changed meanwhile. */
    @ApiResponse(status = 409, description = "The item changed meanwhile")
    public static final class Conflict extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /** Creates the exception. */
        public Conflict() {
            super("conflict", null, false, false);
        }
    }

    static final Item LAMP = new Item("Lamp", new BigDecimal("19.90"), Optional.of("bright"), Set.of("home"),
            Map.of("north", 3), Color.GREEN, Optional.of(new Dimensions(20, 40)), Optional.empty());

    /** Item routes. */
    @Routes(prefix = "/items", tags = "items")
    public static final class Items {
        /** Creates the routes. */
        public Items() {
        }

        /**
         * Reads an item.
         *
         * @param id the id
         * @param q a query
         * @return the item
         */
        @Get(value = "/{id:long}", summary = "Read an item", description = "Finds an item by its id.")
        public Optional<Item> readItem(long id, Optional<String> q) {
            return id == 1 ? Optional.of(LAMP) : Optional.empty();
        }

        /**
         * Lists items.
         *
         * @param limit how many
         * @param color a color filter
         * @param tag tag filters
         * @param requestId a request id
         * @param session a session cookie
         * @return the items
         */
        @Get
        public List<Item> listItems(@Query("limit") @Default("10") @Min(1) @Max(100) int limit, Optional<Color> color,
                List<String> tag, @Header("X-Request-Id") Optional<String> requestId,
                @Cookie("session") Optional<String> session) {
            return List.of(LAMP);
        }

        /**
         * Creates an item.
         *
         * @param item the item
         * @return the item
         */
        @Post(status = 201)
        public Item createItem(@Valid Item item) {
            return item;
        }

        /**
         * Replaces an item.
         *
         * @param id the id
         * @param item the item
         * @return the item
         * @throws Conflict if it changed meanwhile
         */
        @Put("/{id}")
        @ApiResponse(status = 404, description = "No item has this id")
        public Item updateItem(long id, Item item) throws Conflict {
            return item;
        }

        /**
         * Moves an item.
         *
         * @param id the id
         * @param from the old size
         * @param to the new size
         * @return the new size
         */
        @Post("/{id}/resize")
        public Dimensions resizeItem(long id, @Body("from") Dimensions from, @Body("to") Dimensions to) {
            return to;
        }

        /**
         * Deletes an item.
         *
         * @param id the id
         * @param token the caller's token
         */
        @Delete(value = "/{id}", deprecated = true)
        public void deleteItem(long id, Security.BearerToken token) {
            if (id != 1) {
                throw new HttpException(404, "Item " + id + " not found");
            }
        }

        /**
         * An item's label.
         *
         * @param id the id
         * @return the label
         */
        @Get("/{id}/label")
        public String itemLabel(long id) {
            return "item " + id;
        }

        /**
         * An item's picture.
         *
         * @param id the id
         * @return the bytes
         */
        @Get("/{id}/picture")
        public byte[] itemPicture(long id) {
            return new byte[] {1, 2, 3};
        }
    }

    /** Admin routes. */
    @Routes(prefix = "/admin", tags = "admin")
    @ApiResponse(status = 403, description = "Admins only")
    public static final class Admin {
        /** Creates the routes. */
        public Admin() {
        }

        /**
         * Finds a user.
         *
         * @param id the id
         * @param key the API key
         * @return the user
         */
        @Get("/users/{id:uuid}")
        public User user(UUID id, Security.ApiKey key) {
            return new User(id, "a@example.com", Optional.empty());
        }

        /**
         * Who am I.
         *
         * @param credentials the credentials
         * @return the name
         */
        @Get("/whoami")
        public Map<String, String> whoami(Security.BasicCredentials credentials) {
            return Map.of("name", credentials.username());
        }
    }

    /**
     * Builds the app.
     *
     * @param config the OpenAPI configuration
     * @return the app
     */
    public static WebApp app(OpenApiConfig config) {
        return WebApp.builder("Showcase", "2.1.0")
                .description("Every feature of the document, in one app.")
                .dependency(Security.BearerToken.class, Security.bearer())
                .dependency(Security.ApiKey.class, Security.apiKeyHeader("X-API-Key"))
                .dependency(Security.BasicCredentials.class, Security.basic("showcase"))
                .openApi(config)
                .routes(Items.class, Admin.class)
                .build();
    }

    /**
     * Builds the app with the default OpenAPI configuration.
     *
     * @return the app
     */
    public static WebApp app() {
        return app(OpenApiConfig.defaults());
    }
}
