package io.gyre.web;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Optional;

/**
 * A request-bound parameter of a route, as documentation generators see it.
 *
 * @param name the name on the wire (query name, header name, path template name, body key)
 * @param source where it is bound from
 * @param type the Java type with generics; {@code Optional<T>} and {@code List<T>} kept as written
 * @param required whether a request must carry it
 * @param defaultValue the default text, if any
 * @param annotations the parameter's annotations, Bean Validation constraints included
 */
public record ParamInfo(String name, ParamSource source, Type type, boolean required, Optional<String> defaultValue,
        List<Annotation> annotations) {
    /**
     * Copies the annotation list.
     *
     * @param name the name
     * @param source the source
     * @param type the type
     * @param required whether required
     * @param defaultValue the default
     * @param annotations the annotations
     */
    public ParamInfo {
        annotations = List.copyOf(annotations);
    }
}
