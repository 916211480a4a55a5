package io.gyre.web.internal;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * Reads a JSON body into a tree whose floats stay doubles, except a float whose double is a whole
 * number other than the one written: {@code 2.0000000000000000001} (the double is 2) or
 * {@code 9007199254740993.0} (the double is ...992). Such a float is kept as its exact decimal, so
 * an integer field judges what the client sent ({@link WholeNumbers} refuses the first, binds the
 * second exactly) instead of the double's rounding.
 *
 * <p>Every other float (2.5, 2.0, 1e3, -0.0, 1e300) is the same double node as before, so double,
 * float and untyped fields bind as they did; a double field reading a kept decimal gets the same
 * double as well, since both conversions round correctly. Only floats whose double is whole and
 * within the range of a 64-bit integer pay for a decimal parse; a body without floats pays one
 * delegating parser.
 *
 * <p>How: Jackson's tree builder asks the parser for a float's number type and builds a decimal node
 * for {@code BIG_DECIMAL}; this parser answers {@code BIG_DECIMAL} for exactly those floats.
 */
final class ExactWholeFloats extends JsonParserDelegate {
    /** Beyond 2^64 no integer field but BigInteger can hold the value; such floats stay doubles. */
    private static final double LIMIT = 0x1p64;

    private ExactWholeFloats(JsonParser parser) {
        super(parser);
    }

    /**
     * Reads {@code json} (not empty) with {@code mapper}; a body of only whitespace is a missing node,
     * as {@link ObjectMapper#readTree(byte[])} has it. Anything but whitespace after the first value
     * ({@code {"a":1} x}, or a second value) is malformed JSON, as for Python's {@code json.loads}.
     */
    static JsonNode readTree(ObjectMapper mapper, byte[] json) throws IOException {
        try (JsonParser parser = new ExactWholeFloats(mapper.createParser(json))) {
            JsonNode tree = mapper.readTree(parser);
            if (tree != null && parser.nextToken() != null) {
                throw new JsonParseException(parser, "unexpected content after the JSON value; a body holds one value",
                        parser.currentTokenLocation());
            }
            return tree == null ? MissingNode.getInstance() : tree;
        }
    }

    @Override
    public NumberTypeFP getNumberTypeFP() throws IOException {
        NumberTypeFP type = delegate.getNumberTypeFP();
        if ((type == NumberTypeFP.DOUBLE64 || type == NumberTypeFP.UNKNOWN)
                && delegate.hasToken(JsonToken.VALUE_NUMBER_FLOAT) && wholeOtherThanWritten()) {
            return NumberTypeFP.BIG_DECIMAL;
        }
        return type;
    }

    /** Whether the current float's double is a whole number that differs from the decimal written. */
    private boolean wholeOtherThanWritten() throws IOException {
        double value = delegate.getDoubleValue();
        if (!(Math.abs(value) <= LIMIT) || value != Math.rint(value)) {
            return false; // not finite, too large for an integer field, or a fraction the double keeps
        }
        return delegate.getDecimalValue().compareTo(new BigDecimal(value)) != 0;
    }
}
