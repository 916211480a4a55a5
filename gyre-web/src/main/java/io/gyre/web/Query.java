package io.gyre.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a handler parameter from the query string.
 *
 * <p>Simple types (primitives, String, enums, UUID, java.time types, BigDecimal) and Optional
 * or List of them are query parameters without this annotation; use it to give the query
 * parameter a name other than the Java parameter's.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Query {
    /**
     * Returns the name of the query parameter.
     *
     * @return the name; empty means the Java parameter's name
     */
    String value() default "";
}
