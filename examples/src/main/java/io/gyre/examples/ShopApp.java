package io.gyre.examples;

import io.gyre.server.HttpServer;
import io.gyre.web.GZip;
import io.gyre.web.RequestId;
import io.gyre.web.Sessions;
import io.gyre.web.WebApp;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

/**
 * The demo shop, built with gyre-web: an item store opened by the lifespan, typed routes with
 * validation, and the server demo's endpoints ({@code /}, {@code /slow}, {@code /stream},
 * {@code /echo}, {@code /ws}) as routes too.
 *
 * <ul>
 *   <li>{@code GET /items/{id}} an item; an unknown id answers 404 {@code {"detail": ...}}
 *   <li>{@code POST /items} creates an item from {@code {"name": ..., "price": ...}}: 201, or 422
 *       listing every invalid field
 *   <li>{@code GET /items?limit=N} the first items
 *   <li>{@code GET /events} a few Server-Sent Events
 *   <li>{@code POST /cart/{id}}, {@code GET /cart}, {@code POST /cart/clear} a cart kept in a
 *       signed session cookie; the key comes from {@code SHOP_SESSION_SECRET}, or is made at
 *       random when the app starts (carts then end with the process)
 * </ul>
 *
 * <p>Serve it with {@code gyre serve io.gyre.examples.ShopApp} (the {@link #app()} factory) or
 * run {@link #main}.
 */
public final class ShopApp {
    private ShopApp() {
    }

    /**
     * Creates the app (not started).
     *
     * @return the app
     */
    public static WebApp app() {
        return WebApp.builder("Gyre demo shop", "1.0")
                .description("A small store of items, and the server demo's endpoints.")
                .lifespan(life -> {
                    ItemStore store = life.resource(ItemStore.withSamples());
                    life.provide(ItemStore.class, store);
                    life.background("store-stats", () -> store.reportForever(Duration.ofMinutes(1)));
                })
                .middleware(RequestId.create())
                .middleware(GZip.create())
                .middleware(Sessions.builder(sessionSecret()).build())
                .routes(ShopItems.class, ShopCart.class, ShopBasics.class)
                .build();
    }

    private static String sessionSecret() {
        String configured = System.getenv("SHOP_SESSION_SECRET");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return Base64.getEncoder().encodeToString(random);
    }

    /**
     * Builds the server for the app on 127.0.0.1:8000; the port can be changed with the first
     * argument, {@code --port N} or {@code GYRE_PORT}.
     *
     * @param args {@code [port]} or {@code --port N}
     * @return the server, not started
     */
    public static HttpServer server(String... args) {
        return app().server()
                .configure(c -> DemoAddress.apply(c, args))
                .build();
    }

    /**
     * Serves the shop until SIGINT/SIGTERM, then exits with the server's exit code.
     *
     * @param args {@code [port]} or {@code --port N}
     */
    public static void main(String[] args) {
        System.exit(server(args).run());
    }
}
