package io.gyre.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives a query, header or cookie parameter a default used when the request lacks it, so the
 * parameter is optional: {@code @Default("10") int limit}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Default {
    /**
     * Returns the default, in the same text form the request would carry.
     *
     * @return the default value as text
     */
    String value();
}
