package io.gyre.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeadersTest {
    @Test
    void lookupIgnoresCaseAndKeepsTheOriginalSpelling() {
        Headers headers = Headers.of("Content-Type", "text/plain", "X-Trace", "1");

        assertThat(headers.first("content-type")).contains("text/plain");
        assertThat(headers.first("CONTENT-TYPE")).contains("text/plain");
        assertThat(headers.contains("x-trace")).isTrue();
        assertThat(headers.name(0)).isEqualTo("Content-Type");
        assertThat(headers.value(1)).isEqualTo("1");
    }

    @Test
    void missingFieldsAreEmptyNotNull() {
        Headers headers = Headers.of("A", "1");

        assertThat(headers.first("B")).isEmpty();
        assertThat(headers.all("B")).isEmpty();
        assertThat(headers.contains("B")).isFalse();
        assertThat(headers.containsToken("B", "x")).isFalse();
    }

    @Test
    void repeatedFieldsStaySeparateAndOrdered() {
        Headers headers = Headers.of("Set-Cookie", "a=1", "Other", "x", "set-cookie", "b=2", "SET-COOKIE", "c=3");

        assertThat(headers.size()).isEqualTo(4);
        assertThat(headers.first("Set-Cookie")).contains("a=1");
        assertThat(headers.all("set-cookie")).containsExactly("a=1", "b=2", "c=3");
        assertThat(headers.names()).containsExactly("Set-Cookie", "Other");
    }

    @Test
    void containsTokenSearchesCommaSeparatedListsIgnoringCase() {
        Headers headers = Headers.of("Connection", "keep-alive, Upgrade", "Connection", " TE ,close");

        assertThat(headers.containsToken("connection", "upgrade")).isTrue();
        assertThat(headers.containsToken("connection", "Keep-Alive")).isTrue();
        assertThat(headers.containsToken("connection", "te")).isTrue();
        assertThat(headers.containsToken("connection", "close")).isTrue();
        assertThat(headers.containsToken("connection", "keep")).isFalse();
        assertThat(headers.containsToken("connection", "alive, upgrade")).isFalse();
        assertThat(Headers.of("Connection", "").containsToken("Connection", "")).isTrue();
    }

    @Test
    void forEachVisitsEveryFieldInOrder() {
        List<String> seen = new ArrayList<>();

        Headers.of("A", "1", "B", "2", "a", "3").forEach((name, value) -> seen.add(name + "=" + value));

        assertThat(seen).containsExactly("A=1", "B=2", "a=3");
    }

    @Test
    void builderAddsSetsAndRemoves() {
        Headers headers = Headers.builder()
                .add("Vary", "Accept")
                .add("X-A", "1")
                .add("vary", "Origin")
                .set("X-A", "2")
                .set("X-New", "n")
                .remove("VARY")
                .build();

        assertThat(headers.toString()).isEqualTo("[X-A: 2, X-New: n]");
    }

    @Test
    void setReplacesAllFieldsAtThePositionOfTheFirst() {
        Headers headers = Headers.builder().add("A", "1").add("B", "2").add("a", "3").add("C", "4").set("A", "x").build();

        assertThat(headers.toString()).isEqualTo("[A: x, B: 2, C: 4]");
    }

    @Test
    void builtHeadersAreNotChangedByLaterBuilderUse() {
        Headers.Builder builder = Headers.builder().add("A", "1");
        Headers first = builder.build();

        builder.add("B", "2").set("A", "changed");

        assertThat(first.toString()).isEqualTo("[A: 1]");
        assertThat(builder.build().toString()).isEqualTo("[A: changed, B: 2]");
    }

    @Test
    void toBuilderStartsFromACopy() {
        Headers original = Headers.of("A", "1");

        Headers changed = original.toBuilder().add("B", "2").build();

        assertThat(original.size()).isEqualTo(1);
        assertThat(changed.toString()).isEqualTo("[A: 1, B: 2]");
    }

    @Test
    void builderGrowsPastItsInitialCapacity() {
        Headers.Builder builder = Headers.builder();
        for (int i = 0; i < 100; i++) {
            builder.add("X-" + i, Integer.toString(i));
        }

        Headers headers = builder.build();

        assertThat(headers.size()).isEqualTo(100);
        assertThat(headers.first("x-99")).contains("99");
        assertThat(Headers.builder().addAll(headers).addAll(headers).size()).isEqualTo(200);
    }

    @Test
    void valuesAreTrimmedOfOuterWhitespace() {
        assertThat(Headers.of("A", " \t v  w \t").first("A")).contains("v  w");
    }

    @Test
    void invalidNamesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> Headers.of("Bad Name", "v"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'Bad Name'").hasMessageContaining("token");
        assertThatThrownBy(() -> Headers.of("", "v")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Headers.of("A:", "v")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Headers.of("caf\u00e9", "v")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void valuesWithLineBreaksOrControlCharactersAreRefused() {
        assertThatThrownBy(() -> Headers.of("A", "v\r\nInjected: yes"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("control character");
        assertThatThrownBy(() -> Headers.of("A", "v\u0000")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Headers.of("A", "\u20ac")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("non-Latin-1");
        assertThat(Headers.of("A", "tab\there caf\u00e9").first("A")).contains("tab\there caf\u00e9");
        assertThatThrownBy(() -> Headers.of("A", "v\u007f")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("control character (code 127) at index 1");
        assertThatThrownBy(() -> Headers.of("A", "\u0100")).hasMessageContaining("non-Latin-1");
        assertThatThrownBy(() -> Headers.builder().set("A", "v\u001f")).hasMessageContaining("control character");
        assertThatThrownBy(() -> Headers.builder().set("A B", "v")).hasMessageContaining("'A B'");
        assertThat(Headers.of("A", "~ \u0080\u00ff").first("A")).contains("~ \u0080\u00ff");
    }

    @Test
    void oddArgumentCountAndNullsAreRefused() {
        assertThatThrownBy(() -> Headers.of("A")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("odd");
        assertThatThrownBy(() -> Headers.of("A", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Headers.of(null, "v")).isInstanceOf(NullPointerException.class);
    }

    @Test
    void indexOutsideTheFieldsIsRefused() {
        Headers headers = Headers.of("A", "1");

        assertThatThrownBy(() -> headers.name(1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> headers.value(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void equalityIgnoresNameCaseButNotOrderOrValueCase() {
        Headers headers = Headers.of("Content-Type", "text/plain", "A", "1");

        assertThat(headers).isEqualTo(Headers.of("content-type", "text/plain", "a", "1"));
        assertThat(headers.hashCode()).isEqualTo(Headers.of("CONTENT-TYPE", "text/plain", "A", "1").hashCode());
        assertThat(headers).isNotEqualTo(Headers.of("A", "1", "Content-Type", "text/plain"));
        assertThat(headers).isNotEqualTo(Headers.of("Content-Type", "TEXT/PLAIN", "A", "1"));
    }

    @Test
    void emptyHeadersAreShared() {
        assertThat(Headers.of()).isSameAs(Headers.empty());
        assertThat(Headers.builder().build()).isSameAs(Headers.empty());
        assertThat(Headers.empty().isEmpty()).isTrue();
        assertThat(Headers.empty().toString()).isEqualTo("[]");
    }

    @Test
    void namesAndAllAreUnmodifiable() {
        Headers headers = Headers.of("A", "1", "a", "2");

        assertThatThrownBy(() -> headers.names().add("B")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> headers.all("A").add("3")).isInstanceOf(UnsupportedOperationException.class);
    }
}
