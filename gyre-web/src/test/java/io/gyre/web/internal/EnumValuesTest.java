package io.gyre.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class EnumValuesTest {
    enum Size {
        SMALL("s"), LARGE("l");

        private final String wire;

        Size(String wire) {
            this.wire = wire;
        }

        @JsonValue
        String wire() {
            return wire;
        }
    }

    @Test
    void theValuesOfAnEnumAreComputedOncePerMapper() {
        ObjectMapper mapper = JsonSupport.defaultMapper();
        EnumValues values = EnumValues.of(Size.class, mapper);
        assertThat(EnumValues.of(Size.class, mapper)).isSameAs(values);
        assertThat(EnumValues.of(Size.class, JsonSupport.defaultMapper())).isNotSameAs(values);
    }

    @Test
    void theWireValuesAreWhatTheMapperWritesInDeclarationOrder() {
        EnumValues values = EnumValues.of(Size.class, JsonSupport.defaultMapper());
        assertThat(values.wireValues()).extracting(JsonNode::asText).containsExactly("s", "l");
        assertThat(values.constant("l")).contains(Size.LARGE);
        assertThat(values.constant("LARGE")).isEmpty();
        assertThat(values.message()).isEqualTo("Input should be 's' or 'l'");
    }
}
