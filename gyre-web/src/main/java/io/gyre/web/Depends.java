package io.gyre.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a handler parameter as a dependency even though its type would otherwise be bound
 * from the request (a record provided by the lifespan, say).
 *
 * <p>Parameters whose type is a class or interface that is not a record, nor a simple type,
 * are dependencies without this annotation: they are filled from the providers registered
 * with {@link WebApp.Builder#dependency} or from what the lifespan provides.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Depends {
}
