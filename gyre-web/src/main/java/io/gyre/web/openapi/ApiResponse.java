package io.gyre.web.openapi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Documents an answer a route may give besides its success: on a route method, on a routes
 * class (every route of it), or on an exception class (every route that declares it in its
 * {@code throws} clause). The route's own annotation wins over its exceptions', which win over
 * its class's.
 *
 * {@snippet :
 * @Get("/{id}")
 * @ApiResponse(status = 404, description = "No item has this id")
 * public Item read(long id) { ... }
 *
 * @ApiResponse(status = 409, description = "The item changed meanwhile")
 * public final class Conflict extends RuntimeException { ... }
 *
 * @Put("/{id}")
 * public Item update(long id, Item item) throws Conflict { ... }
 * }
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
@Repeatable(ApiResponses.class)
public @interface ApiResponse {
    /**
     * Returns the status code.
     *
     * @return the status, 100 to 599
     */
    int status();

    /**
     * Returns the description.
     *
     * @return the description; empty means the status's reason phrase
     */
    String description() default "";

    /**
     * Returns the JSON body's type.
     *
     * @return the body's type; {@code ApiResponse.Detail.class} (the default) means the
     *     {@code {"detail": ...}} body of an {@code HttpException}, {@code Void.class} means no body
     */
    Class<?> type() default Detail.class;

    /** Stands for the {@code {"detail": ...}} body of an {@code HttpException}. */
    final class Detail {
        private Detail() {
        }
    }
}
