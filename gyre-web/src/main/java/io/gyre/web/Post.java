package io.gyre.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a public method of a routes class as the handler of HTTP {@code POST} requests.
 *
 * {@snippet :
 * @Post("/items/{id}")
 * public Item read(long id) { ... }
 * }
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Post {
    /**
     * Returns the path template, relative to the routes class prefix; names in braces are path
     * parameters, optionally typed: {@code {id}}, {@code {id:int}}, {@code {id:long}},
     * {@code {id:uuid}}, {@code {rest:path}}.
     *
     * @return the path template; empty for the prefix itself
     */
    String value() default "";

    /**
     * Returns the status code of a successful response.
     *
     * @return the status; 0 means the default (200, or 204 for a method that returns nothing)
     */
    int status() default 0;

    /**
     * Returns the route's name for reverse routing and documentation.
     *
     * @return the name; empty means the method's name
     */
    String name() default "";

    /**
     * Returns a one-line summary for documentation.
     *
     * @return the summary; empty for none
     */
    String summary() default "";

    /**
     * Returns a longer description for documentation.
     *
     * @return the description; empty for none
     */
    String description() default "";

    /**
     * Tells whether the route is deprecated (documented as such; still served).
     *
     * @return true if deprecated
     */
    boolean deprecated() default false;

    /**
     * Returns tags for documentation, added to those of the routes class.
     *
     * @return the tags
     */
    String[] tags() default {};
}
