package io.gyre.web.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ConversionTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    enum Size { SMALL, LARGE }

    @Test
    void simpleTypesParseFromText() {
        assertThat(Conversion.forType(int.class, MAPPER).convert("42")).isEqualTo(42);
        assertThat(Conversion.forType(Long.class, MAPPER).convert("-7")).isEqualTo(-7L);
        assertThat(Conversion.forType(boolean.class, MAPPER).convert("yes")).isEqualTo(true);
        assertThat(Conversion.forType(BigDecimal.class, MAPPER).convert("1.50")).isEqualTo(new BigDecimal("1.50"));
        assertThat(Conversion.forType(LocalDate.class, MAPPER).convert("2024-02-29")).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(Conversion.forType(UUID.class, MAPPER).convert("00000000-0000-0001-0000-000000000002"))
                .isEqualTo(new UUID(1, 2));
        assertThat(Conversion.forType(Size.class, MAPPER).convert("LARGE")).isEqualTo(Size.LARGE);
    }

    @Test
    void failuresCarryFastApiTypes() {
        assertThatThrownBy(() -> Conversion.forType(int.class, MAPPER).convert("x"))
                .isInstanceOfSatisfying(Conversion.Failed.class, f -> assertThat(f.type()).isEqualTo("int_parsing"));
        assertThatThrownBy(() -> Conversion.forType(boolean.class, MAPPER).convert("maybe"))
                .isInstanceOfSatisfying(Conversion.Failed.class, f -> assertThat(f.type()).isEqualTo("bool_parsing"));
        assertThatThrownBy(() -> Conversion.forType(Size.class, MAPPER).convert("large"))
                .isInstanceOfSatisfying(Conversion.Failed.class, f -> assertThat(f.type()).isEqualTo("enum"))
                .hasMessage("Input should be 'SMALL' or 'LARGE'");
        assertThatThrownBy(() -> Conversion.forType(UUID.class, MAPPER).convert("1-2-3-4-5"))
                .isInstanceOfSatisfying(Conversion.Failed.class, f -> assertThat(f.type()).isEqualTo("uuid_parsing"));
    }

    @Test
    void simpleTypesAreRecognised() {
        assertThat(Conversion.isSimple(String.class)).isTrue();
        assertThat(Conversion.isSimple(Size.class)).isTrue();
        assertThat(Conversion.isSimple(Optional.class)).isFalse();
        assertThat(Conversion.isSimple(Thread.class)).isFalse();
        assertThat(Conversion.primitiveDefault(int.class)).contains(0);
    }

    @Test
    void percentDecodingHandlesPlusAndBadEscapes() {
        assertThat(PercentCodec.decode("a%20b+c", true)).isEqualTo("a b c");
        assertThat(PercentCodec.decode("a+b", false)).isEqualTo("a+b");
        assertThat(PercentCodec.decode("100%", false)).isEqualTo("100%");
        assertThat(PercentCodec.decode("caf%C3%A9", false)).isEqualTo("café");
        assertThat(PercentCodec.encodeSegment("a/b é")).isEqualTo("a%2Fb%20%C3%A9");
    }

    @Test
    void headerNamesComeFromJavaNames() {
        assertThat(RouteCompiler.headerName("user_agent")).isEqualTo("user-agent");
        assertThat(RouteCompiler.headerName("xRequestId")).isEqualTo("x-request-id");
    }
}
