package io.gyre.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a handler parameter from a path parameter.
 *
 * <p>A parameter whose name appears in braces in the path template is a path parameter without
 * this annotation; use it to bind a template name that differs from the Java name.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface PathParam {
    /**
     * Returns the name in the path template.
     *
     * @return the name; empty means the Java parameter's name
     */
    String value() default "";
}
