package io.gyre.web;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One binding or validation failure of a request, shaped like FastAPI's: serialized as
 * {@code {"type": "missing", "loc": ["query", "limit"], "msg": "Field required", "input": null}}.
 *
 * @param type a machine-readable kind, such as {@code missing}, {@code int_parsing},
 *     {@code json_invalid} or {@code greater_than}
 * @param loc where: the source ({@code path}, {@code query}, {@code header}, {@code cookie},
 *     {@code body}) followed by names and list indexes
 * @param msg a human-readable message
 * @param input the offending input, empty when there was none
 */
public record ValidationError(String type, List<Object> loc, String msg, Optional<Object> input) {
    /**
     * Checks and copies the components.
     *
     * @param type the kind
     * @param loc the location
     * @param msg the message
     * @param input the input
     */
    public ValidationError {
        Objects.requireNonNull(type, "type");
        loc = List.copyOf(loc);
        Objects.requireNonNull(msg, "msg");
        Objects.requireNonNull(input, "input");
    }
}
