package io.gyre.web.internal;

import io.gyre.web.ValidationError;
import java.util.List;

/**
 * Produces one handler argument from a request. Built once per parameter at startup; a
 * failure is added to {@code errors} (all parameters are bound before any error is answered).
 */
@FunctionalInterface
public interface Binder {
    /** Returns the argument, or a placeholder after adding an error. */
    Object bind(RequestState request, List<ValidationError> errors) throws Exception;
}
