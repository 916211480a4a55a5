package io.gyre.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a handler parameter from the JSON request body.
 *
 * <p>A record parameter is the body without this annotation. Use it for other body types (a
 * class, a {@code Map}, a {@code List}, a simple type), or with a name to <em>embed</em>: with
 * {@code @Body("item") Item item}, the body is {@code {"item": {...}}}, and several embedded
 * parameters share one body object.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Body {
    /**
     * Returns the key under which the value is embedded in the body object.
     *
     * @return the key; empty means the whole body is the value
     */
    String value() default "";
}
