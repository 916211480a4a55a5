package io.gyre.web.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Text-to-value converters for the simple types of path, query, header and cookie parameters,
 * chosen once per parameter at startup.
 */
public final class Conversion {
    private Conversion() {
    }

    /** Converts one text value; throws {@link Failed} with a FastAPI-style type and message. */
    @FunctionalInterface
    public interface Converter {
        Object convert(String text);
    }

    /** A conversion failure: the error type and message of the 422 entry. */
    public static final class Failed extends RuntimeException {
        private final String type;

        Failed(String type, String message) {
            super(message, null, false, false);
            this.type = type;
        }

        public String type() {
            return type;
        }
    }

    /** Tells whether values of this class are bound from text (path, query, header, cookie). */
    public static boolean isSimple(Class<?> type) {
        return type.isPrimitive() || type.isEnum() || SIMPLE.containsKey(type) || isBoxed(type);
    }

    private static boolean isBoxed(Class<?> type) {
        return type == Integer.class || type == Long.class || type == Short.class || type == Byte.class
                || type == Double.class || type == Float.class || type == Boolean.class || type == Character.class;
    }

    private static final Map<Class<?>, Converter> SIMPLE = new HashMap<>();

    static {
        SIMPLE.put(String.class, text -> text);
        SIMPLE.put(CharSequence.class, text -> text);
        SIMPLE.put(BigDecimal.class, text -> parse(text, BigDecimal::new, "decimal_parsing", "Input should be a valid decimal"));
        SIMPLE.put(BigInteger.class, text -> parse(text, BigInteger::new, "int_parsing",
                "Input should be a valid integer, unable to parse string as an integer"));
        SIMPLE.put(UUID.class, text -> parse(text, Conversion::uuid, "uuid_parsing", "Input should be a valid UUID"));
        SIMPLE.put(LocalDate.class, text -> parse(text, LocalDate::parse, "date_parsing",
                "Input should be a valid date in the format YYYY-MM-DD"));
        SIMPLE.put(LocalDateTime.class, text -> parse(text, LocalDateTime::parse, "datetime_parsing",
                "Input should be a valid datetime"));
        SIMPLE.put(LocalTime.class, text -> parse(text, LocalTime::parse, "time_parsing", "Input should be a valid time"));
        SIMPLE.put(Instant.class, text -> parse(text, Instant::parse, "datetime_parsing", "Input should be a valid datetime"));
        SIMPLE.put(OffsetDateTime.class, text -> parse(text, OffsetDateTime::parse, "datetime_parsing",
                "Input should be a valid datetime"));
        SIMPLE.put(ZonedDateTime.class, text -> parse(text, ZonedDateTime::parse, "datetime_parsing",
                "Input should be a valid datetime"));
        SIMPLE.put(Duration.class, text -> parse(text, Duration::parse, "duration_parsing",
                "Input should be a valid duration such as PT5S"));
    }

    private static final String INT_MSG = "Input should be a valid integer, unable to parse string as an integer";
    private static final String FLOAT_MSG = "Input should be a valid number, unable to parse string as a number";

    /**
     * Returns the converter for a simple type. An enum takes exactly the values {@code mapper}
     * writes for its constants, the values its OpenAPI schema lists.
     */
    public static Converter forType(Class<?> type, ObjectMapper mapper) {
        Converter simple = SIMPLE.get(type);
        if (simple != null) {
            return simple;
        }
        if (type == int.class || type == Integer.class) {
            return text -> parse(wholeNumber(text), Integer::valueOf, "int_parsing", INT_MSG);
        }
        if (type == long.class || type == Long.class) {
            return text -> parse(wholeNumber(text), Long::valueOf, "int_parsing", INT_MSG);
        }
        if (type == short.class || type == Short.class) {
            return text -> parse(wholeNumber(text), Short::valueOf, "int_parsing", INT_MSG);
        }
        if (type == byte.class || type == Byte.class) {
            return text -> parse(wholeNumber(text), Byte::valueOf, "int_parsing", INT_MSG);
        }
        if (type == double.class || type == Double.class) {
            return text -> parse(text, Double::valueOf, "float_parsing", FLOAT_MSG);
        }
        if (type == float.class || type == Float.class) {
            return text -> parse(text, Float::valueOf, "float_parsing", FLOAT_MSG);
        }
        if (type == boolean.class || type == Boolean.class) {
            return Conversion::bool;
        }
        if (type == char.class || type == Character.class) {
            return text -> {
                if (text.length() != 1) {
                    throw new Failed("string_type", "Input should be a single character");
                }
                return text.charAt(0);
            };
        }
        if (type.isEnum()) {
            return enumConverter(type, mapper);
        }
        throw new IllegalArgumentException("internal error: no converter for " + type.getName() + " (please report)");
    }

    private static Converter enumConverter(Class<?> type, ObjectMapper mapper) {
        EnumValues values = EnumValues.of(type, mapper);
        return text -> values.constant(text).orElseThrow(() -> new Failed("enum", values.message()));
    }

    private static Object bool(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on", "t", "y" -> Boolean.TRUE;
            case "false", "0", "no", "off", "f", "n" -> Boolean.FALSE;
            default -> throw new Failed("bool_parsing", "Input should be a valid boolean, unable to interpret input");
        };
    }

    private static UUID uuid(String text) {
        if (text.length() != 36) {
            throw new IllegalArgumentException("length");
        }
        return UUID.fromString(text);
    }

    /** "2.0" and "2.00" are the integer 2, as pydantic reads them; any other fraction stays and fails. */
    private static String wholeNumber(String text) {
        String s = text.strip();
        int dot = s.indexOf('.');
        if (dot <= 0 || dot == s.length() - 1) {
            return s;
        }
        for (int i = dot + 1; i < s.length(); i++) {
            if (s.charAt(i) != '0') {
                return s;
            }
        }
        return s.substring(0, dot);
    }

    private static Object parse(String text, Function<String, Object> parser, String type, String message) {
        try {
            return parser.apply(text.strip());
        } catch (RuntimeException e) {
            throw new Failed(type, message);
        }
    }

    /** Returns the default of a primitive type, empty for reference types. */
    public static Optional<Object> primitiveDefault(Class<?> type) {
        if (!type.isPrimitive()) {
            return Optional.empty();
        }
        return Optional.of(java.lang.reflect.Array.get(java.lang.reflect.Array.newInstance(type, 1), 0));
    }
}
