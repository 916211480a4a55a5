package io.gyre.web.internal;

import java.lang.annotation.Annotation;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * Pydantic 2's error type and default message for a failed Bean Validation constraint, chosen by
 * the bound that failed: {@code @Size(min = 1)} on an empty list is {@code too_short} with "List
 * should have at least 1 item after validation, not 0". Pydantic also gives a {@code ctx} with
 * the limit; Gyre's errors have no such field, so the limit is said in the message.
 */
final class PydanticErrors {
    private PydanticErrors() {
    }

    /** The constraints {@link #of} has pydantic's type and wording for. */
    private static final Set<String> COVERED = Set.of("NotNull", "NotBlank", "NotEmpty", "Size", "Min", "Max",
            "DecimalMin", "DecimalMax", "Positive", "PositiveOrZero", "Negative", "NegativeOrZero", "Pattern", "Email",
            "Digits", "Past", "PastOrPresent", "Future", "FutureOrPresent");

    /** Whether a constraint gets pydantic's type and message: one of the standard ones {@link #of} knows. */
    static boolean covers(Class<? extends Annotation> constraint) {
        return constraint.getPackageName().equals("jakarta.validation.constraints")
                && COVERED.contains(constraint.getSimpleName());
    }

    /** Whether a message template is the default of a standard or Hibernate Validator constraint. */
    static boolean isDefault(String template) {
        return template.startsWith("{jakarta.validation.constraints.")
                || template.startsWith("{org.hibernate.validator.constraints.");
    }

    /**
     * Returns {type, message} for a constraint with its attributes, given the value that failed
     * it; null for a constraint pydantic has no counterpart for (or one not of Bean Validation).
     */
    static String[] of(Class<? extends Annotation> constraint, Map<String, Object> attributes, Object input) {
        if (!covers(constraint)) {
            return null;
        }
        return switch (constraint.getSimpleName()) {
            case "NotNull" -> kind("missing", "Field required");
            case "NotBlank" -> kind("string_too_short", "String should have at least 1 character");
            case "NotEmpty" -> input instanceof CharSequence || size(input) < 0
                    ? kind("string_too_short", "String should have at least 1 character")
                    : tooShort(input, 1);
            case "Size" -> size(input, (Integer) attributes.get("min"), (Integer) attributes.get("max"));
            case "Min" -> kind("greater_than_equal", "Input should be greater than or equal to " + attributes.get("value"));
            case "Max" -> kind("less_than_equal", "Input should be less than or equal to " + attributes.get("value"));
            case "DecimalMin" -> Boolean.FALSE.equals(attributes.get("inclusive"))
                    ? kind("greater_than", "Input should be greater than " + attributes.get("value"))
                    : kind("greater_than_equal", "Input should be greater than or equal to " + attributes.get("value"));
            case "DecimalMax" -> Boolean.FALSE.equals(attributes.get("inclusive"))
                    ? kind("less_than", "Input should be less than " + attributes.get("value"))
                    : kind("less_than_equal", "Input should be less than or equal to " + attributes.get("value"));
            case "Positive" -> kind("greater_than", "Input should be greater than 0");
            case "PositiveOrZero" -> kind("greater_than_equal", "Input should be greater than or equal to 0");
            case "Negative" -> kind("less_than", "Input should be less than 0");
            case "NegativeOrZero" -> kind("less_than_equal", "Input should be less than or equal to 0");
            case "Pattern" -> kind("string_pattern_mismatch", "String should match pattern '" + attributes.get("regexp") + "'");
            case "Email" -> kind("value_error", "value is not a valid email address: it must be a well-formed address"
                    + " such as name@example.com");
            case "Digits" -> digits(input, (Integer) attributes.get("integer"), (Integer) attributes.get("fraction"));
            case "Past", "PastOrPresent" -> input instanceof LocalDate
                    ? kind("date_past", "Date should be in the past") : kind("datetime_past", "Input should be in the past");
            case "Future", "FutureOrPresent" -> input instanceof LocalDate
                    ? kind("date_future", "Date should be in the future")
                    : kind("datetime_future", "Input should be in the future");
            default -> null;
        };
    }

    private static String[] size(Object input, Integer min, Integer max) {
        int actual = input instanceof CharSequence text ? text.length() : size(input);
        boolean belowMin = min != null && actual < min;
        if (input instanceof CharSequence) {
            return belowMin ? kind("string_too_short", "String should have at least " + plural(min, "character"))
                    : kind("string_too_long", "String should have at most " + plural(max, "character"));
        }
        if (belowMin) {
            return tooShort(input, min);
        }
        return kind("too_long", container(input) + " should have at most " + plural(max, "item")
                + " after validation, not " + actual);
    }

    private static String[] tooShort(Object input, int min) {
        return kind("too_short", container(input) + " should have at least " + plural(min, "item")
                + " after validation, not " + Math.max(0, size(input)));
    }

    /** Bean Validation's reading of @Digits: the integer part is checked first. */
    private static String[] digits(Object input, Integer integer, Integer fraction) {
        BigDecimal value;
        try {
            value = input instanceof BigDecimal decimal ? decimal : new BigDecimal(String.valueOf(input));
        } catch (NumberFormatException e) {
            return kind("decimal_parsing", "Input should be a valid decimal");
        }
        value = value.stripTrailingZeros();
        int places = Math.max(0, value.scale());
        int whole = value.precision() - value.scale();
        if (integer != null && whole > integer) {
            return kind("decimal_whole_digits", "Decimal input should have no more than " + plural(integer, "digit")
                    + " before the decimal point");
        }
        return kind("decimal_max_places", "Decimal input should have no more than " + plural(fraction == null ? places : fraction,
                "decimal place"));
    }

    /** The size of a collection, map or array; -1 for anything else. */
    private static int size(Object input) {
        return switch (input) {
            case Collection<?> collection -> collection.size();
            case Map<?, ?> map -> map.size();
            case null -> -1;
            default -> input.getClass().isArray() ? Array.getLength(input) : -1;
        };
    }

    /** How pydantic names the container in its message. */
    private static String container(Object input) {
        return input instanceof Set<?> ? "Set" : input instanceof Map<?, ?> ? "Dictionary" : "List";
    }

    private static String plural(Integer count, String noun) {
        int n = count == null ? 0 : count;
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String[] kind(String type, String message) {
        return new String[] {type, message};
    }
}
