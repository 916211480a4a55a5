package io.gyre.web.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class WholeNumbersTest {
    private static final List<Class<?>> TYPES = List.of(int.class, Integer.class, long.class, Long.class, short.class,
            Short.class, byte.class, Byte.class, BigInteger.class);

    private static JsonMapper.Builder base() {
        return JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    }

    @Test
    void everyTokenButAFloatReadsAsJacksonReadsIt() throws Exception {
        ObjectMapper plain = base().build();
        ObjectMapper whole = base().addModule(WholeNumbers.module()).build();
        for (Class<?> type : TYPES) {
            for (String json : List.of("5", "-7", "\"12\"", "\"x\"", "null", "true", "[5]", "{}", "\"\"", "99999999999")) {
                assertThat(outcome(whole, json, type)).as("%s as %s", json, type).isEqualTo(outcome(plain, json, type));
                assertThat(outcome(whole, json, type)).as("%s as %s from a tree", json, type)
                        .isEqualTo(outcomeFromTree(plain, json, type));
            }
        }
    }

    @Test
    void aWholeFloatIsThatInteger() throws Exception {
        ObjectMapper whole = base().addModule(WholeNumbers.module()).build();
        assertThat(whole.readValue("2.0", int.class)).isEqualTo(2);
        assertThat(whole.readValue("-1e3", Long.class)).isEqualTo(-1000L);
        assertThat(whole.readValue("0.000", short.class)).isEqualTo((short) 0);
        assertThat(whole.readValue("1.2e1", Byte.class)).isEqualTo((byte) 12);
        assertThat(whole.readValue("1e30", BigInteger.class)).isEqualTo(BigInteger.TEN.pow(30));
        assertThat(whole.readValue(whole.readTree("4.0").traverse(), Integer.class)).isEqualTo(4);
    }

    @Test
    void aFractionalOrOutOfRangeFloatIsRefusedWithItsValue() {
        ObjectMapper whole = base().addModule(WholeNumbers.module()).build();
        for (Class<?> type : TYPES) {
            assertThatThrownBy(() -> whole.readValue("2.5", type)).as("%s", type)
                    .isInstanceOfSatisfying(InvalidFormatException.class, e -> {
                        assertThat(e.getTargetType()).isEqualTo(type);
                        assertThat(e.getValue()).isEqualTo(2.5);
                    })
                    .hasMessageContaining("fractional part");
        }
        assertThatThrownBy(() -> whole.readValue("3e9", int.class)).isInstanceOf(InvalidFormatException.class)
                .hasMessageContaining("out of range of int");
        assertThatThrownBy(() -> whole.readValue("128.0", Byte.class)).isInstanceOf(InvalidFormatException.class)
                .hasMessageContaining("out of range of Byte");
    }

    @Test
    void aHugeExponentIsRefusedWithoutBuildingTheNumber() {
        ObjectMapper whole = base().addModule(WholeNumbers.module()).build();
        assertThatThrownBy(() -> whole.readValue("1e1000000000", BigInteger.class))
                .isInstanceOf(InvalidFormatException.class).hasMessageContaining("out of range of BigInteger");
        assertThatThrownBy(() -> whole.readValue("1e1000000000", long.class))
                .isInstanceOf(InvalidFormatException.class).hasMessageContaining("out of range of long");
    }

    private static String outcome(ObjectMapper mapper, String json, Class<?> type) {
        try {
            return "value " + mapper.readValue(json, type);
        } catch (Exception e) {
            return e.getClass().getSimpleName();
        }
    }

    private static String outcomeFromTree(ObjectMapper mapper, String json, Class<?> type) {
        try {
            return "value " + mapper.readerFor(type).readValue(mapper.readTree(json));
        } catch (Exception e) {
            return e.getClass().getSimpleName();
        }
    }
}
