package io.gyre.examples;

import io.gyre.web.Default;
import io.gyre.web.Get;
import io.gyre.web.HttpException;
import io.gyre.web.Post;
import io.gyre.web.Routes;
import io.gyre.web.WebResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/** The shop's item routes. */
@Routes(prefix = "/items", tags = "items")
public final class ShopItems {
    /**
     * A new item as clients send it.
     *
     * @param name a non-blank name
     * @param price a positive price
     * @param note an optional note
     */
    public record NewItem(@NotBlank String name, @Positive BigDecimal price, Optional<String> note) {
    }

    private final ItemStore store;

    /**
     * Creates the routes with the store the lifespan provides.
     *
     * @param store the store
     */
    public ShopItems(ItemStore store) {
        this.store = store;
    }

    /**
     * Reads an item.
     *
     * @param id the item's id
     * @return the item
     */
    @Get(value = "/{id}", summary = "Read an item")
    public ItemStore.Item read(long id) {
        return store.find(id).orElseThrow(() -> new HttpException(404, "Item " + id + " not found"));
    }

    /**
     * Lists items.
     *
     * @param limit how many, 1 to 100
     * @return the items
     */
    @Get(summary = "List items")
    public List<ItemStore.Item> list(@Default("20") @Min(1) @Max(100) int limit) {
        return store.list(limit);
    }

    /**
     * Creates an item.
     *
     * @param item the new item
     * @return 201 with the stored item and its Location
     */
    @Post(status = 201, summary = "Create an item")
    public WebResponse create(@Valid NewItem item) {
        ItemStore.Item stored = store.add(item.name(), item.price(), item.note());
        return WebResponse.of(201).header("Location", "/items/" + stored.id()).json(stored);
    }
}
