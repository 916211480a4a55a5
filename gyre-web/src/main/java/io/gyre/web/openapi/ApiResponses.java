package io.gyre.web.openapi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Holds repeated {@link ApiResponse} annotations; written by the compiler, not by hand. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface ApiResponses {
    /**
     * Returns the responses.
     *
     * @return the responses
     */
    ApiResponse[] value();
}
