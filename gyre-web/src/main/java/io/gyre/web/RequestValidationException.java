package io.gyre.web;

import java.util.List;

/**
 * Every binding and validation failure of one request; answered with status 422 and
 * {@code {"detail": [errors...]}} unless an exception handler for this type says otherwise.
 */
public final class RequestValidationException extends RuntimeException {
    private final transient List<ValidationError> errors;

    /**
     * Creates the exception.
     *
     * @param errors the failures, at least one
     * @throws IllegalArgumentException if {@code errors} is empty
     */
    public RequestValidationException(List<ValidationError> errors) {
        super(errors.size() + " validation error(s), first: " + (errors.isEmpty() ? "none" : errors.getFirst()),
                null, false, false);
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a RequestValidationException needs at least one error");
        }
        this.errors = List.copyOf(errors);
    }

    /**
     * Returns the failures, in parameter order.
     *
     * @return the errors
     */
    public List<ValidationError> errors() {
        return errors;
    }
}
