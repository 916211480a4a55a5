package io.gyre.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a handler parameter from a request header.
 *
 * <p>Without a name, the Java parameter name's underscores become hyphens and case is ignored:
 * {@code String user_agent} reads {@code User-Agent}; camel case is split too: {@code
 * userAgent} reads {@code user-agent}. A {@code List} parameter receives every value.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Header {
    /**
     * Returns the name of the header field.
     *
     * @return the name; empty means the parameter's name with underscores and camel-case humps turned into hyphens
     */
    String value() default "";
}
