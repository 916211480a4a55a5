package io.gyre.examples;

import io.gyre.web.Get;
import io.gyre.web.HttpException;
import io.gyre.web.Post;
import io.gyre.web.Routes;
import io.gyre.web.Session;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The visitor's cart, kept in the signed session cookie: ids only, the items stay in the store. */
@Routes(prefix = "/cart", tags = "cart")
public final class ShopCart {
    /**
     * What the cart holds.
     *
     * @param items the items, in the order they were added
     * @param count how many
     */
    public record Cart(List<ItemStore.Item> items, int count) {
    }

    private final ItemStore store;

    /**
     * Creates the routes with the store the lifespan provides.
     *
     * @param store the store
     */
    public ShopCart(ItemStore store) {
        this.store = store;
    }

    /**
     * Shows the cart.
     *
     * @param session the visitor's session
     * @return the cart
     */
    @Get(summary = "Show the cart")
    public Cart show(Session session) {
        List<ItemStore.Item> items = new ArrayList<>();
        for (long id : ids(session)) {
            store.find(id).ifPresent(items::add);
        }
        return new Cart(items, items.size());
    }

    /**
     * Adds an item to the cart.
     *
     * @param id the item's id
     * @param session the visitor's session
     * @return the cart
     */
    @Post(value = "/{id}", summary = "Add an item to the cart")
    public Cart add(long id, Session session) {
        store.find(id).orElseThrow(() -> new HttpException(404, "Item " + id + " not found"));
        List<Long> ids = ids(session);
        ids.add(id);
        session.put("cart", ids);
        return show(session);
    }

    /**
     * Empties the cart.
     *
     * @param session the visitor's session
     * @return the empty cart
     */
    @Post(value = "/clear", summary = "Empty the cart")
    public Cart clear(Session session) {
        session.remove("cart");
        return new Cart(List.of(), 0);
    }

    private static List<Long> ids(Session session) {
        return new ArrayList<>(session.get("cart", long[].class).map(a -> Arrays.stream(a).boxed().toList())
                .orElse(List.of()));
    }
}
