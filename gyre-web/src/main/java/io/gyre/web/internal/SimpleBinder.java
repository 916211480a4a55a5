package io.gyre.web.internal;

import io.gyre.web.ParamSource;
import io.gyre.web.ValidationError;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Binds a path, query, header or cookie parameter of a simple type, an Optional or a List of one. */
final class SimpleBinder implements Binder {
    enum Shape { SINGLE, OPTIONAL, LIST }

    private final ParamSource source;
    private final String name;
    private final Conversion.Converter converter;
    private final Shape shape;
    /** What an absent parameter binds to, converted once at start-up: a value, an Optional or a List. */
    private final Optional<Object> defaulted;
    private final Object placeholder;

    SimpleBinder(ParamSource source, String name, Conversion.Converter converter, Shape shape,
            Optional<Object> defaulted, Object placeholder) {
        this.source = source;
        this.name = name;
        this.converter = converter;
        this.shape = shape;
        this.defaulted = defaulted;
        this.placeholder = placeholder;
    }

    @Override
    public Object bind(RequestState request, List<ValidationError> errors) {
        List<String> values = request.rawValues(source, name);
        if (values.isEmpty() && defaulted.isPresent()) {
            return defaulted.get(); // immutable: simple values, in an Optional or an unmodifiable List
        }
        if (shape == Shape.LIST) {
            List<Object> out = new ArrayList<>(values.size());
            for (int i = 0; i < values.size(); i++) {
                Object value = convert(values.get(i), List.of(source.label(), name, i), errors);
                out.add(value);
            }
            return List.copyOf(out.stream().filter(v -> v != null).toList());
        }
        if (values.isEmpty()) {
            if (shape == Shape.OPTIONAL) {
                return Optional.empty();
            }
            errors.add(new ValidationError("missing", List.of(source.label(), name), "Field required", Optional.empty()));
            return placeholder;
        }
        Object value = convert(single(values), List.of(source.label(), name), errors);
        if (value == null) {
            return shape == Shape.OPTIONAL ? Optional.empty() : placeholder;
        }
        return shape == Shape.OPTIONAL ? Optional.of(value) : value;
    }

    /**
     * The value a single-valued parameter binds when the request repeats it, as in FastAPI: the
     * first header (Starlette's {@code headers[name]}), the last of anything else (its query and
     * form multi-dicts; cookies are already last-wins in {@link RequestState#cookies()}).
     */
    private String single(List<String> values) {
        return source == ParamSource.HEADER ? values.getFirst() : values.getLast();
    }

    private Object convert(String text, List<Object> loc, List<ValidationError> errors) {
        try {
            return converter.convert(text);
        } catch (Conversion.Failed e) {
            errors.add(new ValidationError(e.type(), loc, e.getMessage(), Optional.of(text)));
            return null;
        }
    }
}
