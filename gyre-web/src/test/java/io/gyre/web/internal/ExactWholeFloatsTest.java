package io.gyre.web.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ExactWholeFloatsTest {
    private static final ObjectMapper MAPPER = JsonSupport.defaultMapper();

    private static JsonNode tree(String json) throws Exception {
        return ExactWholeFloats.readTree(MAPPER, json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aFloatWhoseDoubleIsAnotherWholeNumberKeepsItsDecimal() throws Exception {
        JsonNode tree = tree("[2.0000000000000000001, 9007199254740993.0, 1e-400]");
        for (JsonNode number : tree) {
            assertThat(number.isBigDecimal()).as("%s", number).isTrue();
        }
        assertThat(tree.get(0).decimalValue()).isEqualByComparingTo(new BigDecimal("2.0000000000000000001"));
        assertThat(tree.get(1).decimalValue()).isEqualByComparingTo(new BigDecimal("9007199254740993"));
    }

    @Test
    void everyOtherFloatIsTheDoubleTheMapperReads() throws Exception {
        String json = "[2.5, 2.0, 1e3, -0.0, 0.1, 1e300, 123456789012345678901.0, 1e400, 3, \"2.0\"]";
        assertThat(tree(json)).isEqualTo(MAPPER.readTree(json));
        assertThat(Math.copySign(1.0, tree(json).get(3).doubleValue())).isEqualTo(-1.0);
        assertThat(tree(json).get(0).isDouble()).isTrue();
    }

    @Test
    void aBodyOfOnlyWhitespaceIsAMissingNode() throws Exception {
        assertThat(tree(" \n").isMissingNode()).isTrue();
    }

    @Test
    void contentAfterTheFirstValueIsMalformedJson() throws Exception {
        for (String json : new String[] {"{\"a\":1} x", "{\"a\":1} {\"b\":2}", "[1] 2", "1 2", "\"a\" \"b\""}) {
            assertThatThrownBy(() -> tree(json)).as(json).isInstanceOf(JsonParseException.class);
        }
        assertThat(tree("{\"a\":1} \r\n\t").get("a").intValue()).isEqualTo(1);
    }
}
