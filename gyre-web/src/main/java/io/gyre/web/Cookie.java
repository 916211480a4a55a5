package io.gyre.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a handler parameter from a request cookie.
 *
 * <p>Simple types and Optional of them are allowed.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Cookie {
    /**
     * Returns the name of the cookie.
     *
     * @return the name; empty means the Java parameter's name
     */
    String value() default "";
}
