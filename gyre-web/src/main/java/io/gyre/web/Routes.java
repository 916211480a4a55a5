package io.gyre.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class whose annotated methods are routes, with a common path prefix and tags: the
 * counterpart of FastAPI's {@code APIRouter}.
 *
 * <p>The class must be public with one public constructor; the constructor's parameters are
 * filled from what the lifespan provides ({@link Lifespan#provide}).
 *
 * {@snippet :
 * @Routes(prefix = "/items", tags = "items")
 * public final class Items {
 *     public Items(Store store) { ... }
 *     @Get("/{id}") public Item read(long id) { ... }
 * }
 * }
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Routes {
    /**
     * Returns the path prefix of every route of the class.
     *
     * @return the prefix, such as {@code /items}; empty for none
     */
    String prefix() default "";

    /**
     * Returns tags for documentation shared by every route of the class.
     *
     * @return the tags
     */
    String[] tags() default {};

    /**
     * Returns dependency types resolved for every request of these routes before the handler
     * runs (for example an authentication check), whether or not a handler asks for them.
     *
     * @return the dependency types
     */
    Class<?>[] dependencies() default {};
}
