package io.gyre.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a handler parameter from a form field of an {@code application/x-www-form-urlencoded}
 * or {@code multipart/form-data} body: FastAPI's {@code Form()}. Simple types and Optional or
 * List of them are allowed; errors are located at {@code ["body", name]}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Form {
    /**
     * Returns the field's name.
     *
     * @return the name; empty means the Java parameter's name
     */
    String value() default "";
}
