package io.gyre.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds an {@link UploadedFile} (or an Optional or List of them) from a part of a
 * {@code multipart/form-data} body: FastAPI's {@code UploadFile}. Parts larger than the app's
 * upload memory threshold are streamed to a temporary file, deleted after the response.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface File {
    /**
     * Returns the form field's name.
     *
     * @return the name; empty means the Java parameter's name
     */
    String value() default "";
}
