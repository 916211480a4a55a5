package io.gyre.web.openapi.internal;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.UUID;

/**
 * Schemas of the types Jackson writes as one JSON value: numbers, text, booleans, java.time,
 * UUID. Decimals and durations follow the mapper's settings:
 *
 * <ul>
 *   <li>{@code BigDecimal} is a JSON number ({@code format: decimal}), or text with
 *       {@code format: decimal} when the mapper writes it as a string
 *       ({@code configOverride(BigDecimal.class).setFormat(JsonFormat.Value.forShape(STRING))});
 *       {@code BigInteger} likewise, as an integer without a size format.
 *   <li>{@code Duration} is ISO-8601 text ({@code format: duration}) when
 *       {@code WRITE_DURATIONS_AS_TIMESTAMPS} is off, else a number of seconds.
 *   <li>{@code Instant}, {@code OffsetDateTime}, {@code ZonedDateTime} and
 *       {@code LocalDateTime} are {@code date-time}; {@code LocalDate} is {@code date};
 *       {@code LocalTime} and {@code OffsetTime} are {@code time}.
 * </ul>
 */
final class Scalars {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final boolean decimalAsString;
    private final boolean bigIntegerAsString;
    private final boolean durationAsNumber;

    Scalars(ObjectMapper mapper) {
        this.decimalAsString = writesAsString(mapper, BigDecimal.class);
        this.bigIntegerAsString = writesAsString(mapper, BigInteger.class);
        this.durationAsNumber = mapper.isEnabled(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);
    }

    private static boolean writesAsString(ObjectMapper mapper, Class<?> type) {
        JsonFormat.Value format = mapper.getSerializationConfig().getDefaultPropertyFormat(type);
        return format != null && format.getShape() == JsonFormat.Shape.STRING;
    }

    /** Returns a new schema node for a single-value type, or empty for other types. */
    Optional<ObjectNode> of(Class<?> raw) {
        ObjectNode s = JSON.objectNode();
        if (raw == String.class || raw == CharSequence.class || raw == StringBuilder.class) {
            return Optional.of(s.put("type", "string"));
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return Optional.of(s.put("type", "boolean"));
        }
        if (raw == int.class || raw == Integer.class || raw == short.class || raw == Short.class
                || raw == byte.class || raw == Byte.class) {
            return Optional.of(s.put("type", "integer").put("format", "int32"));
        }
        if (raw == long.class || raw == Long.class) {
            return Optional.of(s.put("type", "integer").put("format", "int64"));
        }
        if (raw == float.class || raw == Float.class) {
            return Optional.of(s.put("type", "number").put("format", "float"));
        }
        if (raw == double.class || raw == Double.class) {
            return Optional.of(s.put("type", "number").put("format", "double"));
        }
        if (raw == char.class || raw == Character.class) {
            return Optional.of(s.put("type", "string").put("minLength", 1).put("maxLength", 1));
        }
        if (raw == BigDecimal.class) {
            return Optional.of(s.put("type", decimalAsString ? "string" : "number").put("format", "decimal"));
        }
        if (raw == BigInteger.class) {
            return Optional.of(bigIntegerAsString ? s.put("type", "string").put("pattern", "^-?[0-9]+$")
                    : s.put("type", "integer"));
        }
        if (raw == Number.class) {
            return Optional.of(s.put("type", "number"));
        }
        if (raw == UUID.class) {
            return Optional.of(s.put("type", "string").put("format", "uuid"));
        }
        if (raw == URI.class || raw == URL.class) {
            return Optional.of(s.put("type", "string").put("format", "uri"));
        }
        if (raw == Instant.class || raw == OffsetDateTime.class || raw == ZonedDateTime.class
                || raw == LocalDateTime.class || raw == java.util.Date.class) {
            return Optional.of(s.put("type", "string").put("format", "date-time"));
        }
        if (raw == LocalDate.class) {
            return Optional.of(s.put("type", "string").put("format", "date"));
        }
        if (raw == LocalTime.class || raw == OffsetTime.class) {
            return Optional.of(s.put("type", "string").put("format", "time"));
        }
        if (raw == Duration.class) {
            return Optional.of(durationAsNumber ? s.put("type", "number").put("description", "seconds")
                    : s.put("type", "string").put("format", "duration"));
        }
        if (raw == Period.class) {
            return Optional.of(s.put("type", "string").put("format", "duration"));
        }
        if (raw == Year.class || raw == YearMonth.class || raw == MonthDay.class || raw == ZoneId.class || raw == ZoneOffset.class
                || ZoneId.class.isAssignableFrom(raw)) {
            return Optional.of(s.put("type", "string"));
        }
        return Optional.empty();
    }
}
