package io.gyre.web.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.util.AccessPattern;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.function.Function;

/**
 * Integer fields read JSON numbers as pydantic does: a float with a fractional part ({@code 2.7})
 * is refused, a whole one ({@code 2.0}, {@code 1e3}) is that integer.
 *
 * <p>Jackson's own answer is all or nothing: with {@code ACCEPT_FLOAT_AS_INT} (its default) it
 * truncates 2.7 to 2, without it it refuses 2.0 as well. The default mapper turns the feature off
 * and adds this module, whose deserializers take a float token for int, long, short, byte, their
 * boxes and BigInteger, and hand every other token to Jackson's standard deserializer. Integer
 * shapes it does not cover ({@code int[]}, {@code OptionalInt}) refuse every float.
 */
final class WholeNumbers {
    /** Most digits of a whole number read into a BigInteger from a float (Jackson's own number-length limit). */
    private static final int MAX_DIGITS = 1000;

    private WholeNumbers() {
    }

    static Module module() {
        SimpleModule module = new SimpleModule("gyre-whole-numbers");
        add(module, int.class, BigDecimal::intValueExact);
        add(module, Integer.class, BigDecimal::intValueExact);
        add(module, long.class, BigDecimal::longValueExact);
        add(module, Long.class, BigDecimal::longValueExact);
        add(module, short.class, BigDecimal::shortValueExact);
        add(module, Short.class, BigDecimal::shortValueExact);
        add(module, byte.class, BigDecimal::byteValueExact);
        add(module, Byte.class, BigDecimal::byteValueExact);
        add(module, BigInteger.class, WholeNumbers::bigInteger);
        return module;
    }

    private static <T> void add(SimpleModule module, Class<T> type, Function<BigDecimal, T> exact) {
        module.addDeserializer(type, new WholeNumber<>(type, standard(type), exact));
    }

    @SuppressWarnings("unchecked")
    private static <T> JsonDeserializer<T> standard(Class<T> type) {
        JsonDeserializer<?> found = NumberDeserializers.find(type, type.getName());
        if (found == null) {
            throw new IllegalStateException("internal error: Jackson has no standard deserializer for "
                    + type.getName() + " (please report)");
        }
        return (JsonDeserializer<T>) found;
    }

    /** Whether {@code n} has a fractional part (2.5, not 2.0): what pydantic refuses for an integer. */
    static boolean hasFraction(BigDecimal n) {
        return n.signum() != 0 && n.stripTrailingZeros().scale() > 0;
    }

    private static BigInteger bigInteger(BigDecimal whole) {
        if (whole.precision() - whole.scale() > MAX_DIGITS) {
            throw new ArithmeticException("more than " + MAX_DIGITS + " digits");
        }
        return whole.toBigIntegerExact();
    }

    /** One integer type: float tokens here, everything else by Jackson's standard deserializer. */
    private static final class WholeNumber<T> extends StdDeserializer<T> {
        private static final long serialVersionUID = 1L;

        private final transient JsonDeserializer<T> standard;
        private final transient Function<BigDecimal, T> exact;

        WholeNumber(Class<T> type, JsonDeserializer<T> standard, Function<BigDecimal, T> exact) {
            super(type);
            this.standard = standard;
            this.exact = exact;
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_NUMBER_FLOAT)) {
                return standard.deserialize(p, ctxt);
            }
            Number number = p.getNumberValue();
            BigDecimal decimal;
            try {
                decimal = p.getDecimalValue();
            } catch (NumberFormatException e) { // NaN or an infinity
                return refuse(ctxt, number, "not a finite number");
            }
            if (hasFraction(decimal)) {
                return refuse(ctxt, number, "a number with a fractional part");
            }
            try {
                return exact.apply(decimal);
            } catch (ArithmeticException e) {
                return refuse(ctxt, number, "out of range of " + handledType().getSimpleName());
            }
        }

        @SuppressWarnings("unchecked")
        private T refuse(DeserializationContext ctxt, Number number, String why) throws IOException {
            return (T) ctxt.handleWeirdNumberValue(handledType(), number, why);
        }

        @Override
        public T getNullValue(DeserializationContext ctxt) throws JsonMappingException {
            return standard.getNullValue(ctxt);
        }

        @Override
        public AccessPattern getNullAccessPattern() {
            return standard.getNullAccessPattern();
        }

        @Override
        public Object getEmptyValue(DeserializationContext ctxt) throws JsonMappingException {
            return standard.getEmptyValue(ctxt);
        }

        @Override
        public AccessPattern getEmptyAccessPattern() {
            return standard.getEmptyAccessPattern();
        }

        @Override
        public Object getAbsentValue(DeserializationContext ctxt) throws JsonMappingException {
            return standard.getAbsentValue(ctxt);
        }

        @Override
        public LogicalType logicalType() {
            return standard.logicalType();
        }

        @Override
        public boolean isCachable() {
            return true;
        }
    }
}
