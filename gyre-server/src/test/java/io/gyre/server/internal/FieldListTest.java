package io.gyre.server.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gyre.server.Headers;
import org.junit.jupiter.api.Test;

/** The response's field list behaves as Headers.Builder does: same order, same checks, same messages. */
class FieldListTest {
    @Test
    void setReplacesEveryFieldOfTheNameAtTheFirstPositionLikeTheBuilder() {
        FieldList list = new FieldList();
        Headers.Builder builder = Headers.builder();
        String[][] steps = {
            {"add", "A", "1"}, {"add", "b", "2"}, {"add", "a", "3"}, {"add", "C", "4"}, {"set", "a", " 5 "},
            {"add", "D", "6"}, {"remove", "c", ""}, {"set", "E", "7"}, {"add", "b", "8"}, {"set", "B", "9"},
        };
        for (String[] s : steps) {
            switch (s[0]) {
                case "add" -> {
                    list.addField(s[1], s[2]);
                    builder.add(s[1], s[2]);
                }
                case "set" -> {
                    list.setField(s[1], s[2]);
                    builder.set(s[1], s[2]);
                }
                default -> {
                    list.removeField(s[1]);
                    builder.remove(s[1]);
                }
            }
            assertThat(list.snapshot()).isEqualTo(builder.build());
        }
        assertThat(list.snapshot().toString()).isEqualTo(builder.build().toString());
        assertThat(list.firstField("a")).isEqualTo("5");
        assertThat(list.firstField("missing")).isNull();
        assertThat(list.containsField("e")).isTrue();
    }

    @Test
    void aSnapshotDoesNotChangeWithTheList() {
        FieldList list = new FieldList();
        list.addField("X", "1");
        Headers before = list.snapshot();
        list.setField("X", "2");
        list.addField("Y", "3");
        assertThat(before).isEqualTo(Headers.of("X", "1"));
        list.clearFields();
        assertThat(list.snapshot()).isEqualTo(Headers.empty());
        assertThat(list.fieldCount()).isZero();
    }

    @Test
    void invalidNamesAndValuesFailWithTheBuildersMessages() {
        for (String[] bad : new String[][] {{"", "v"}, {"Bad Name", "v"}, {"X", "a\r\nInjected: 1"}, {"X", "caf\u20ac"}}) {
            Throwable fromBuilder = catchThrown(() -> Headers.builder().set(bad[0], bad[1]));
            assertThatThrownBy(() -> new FieldList().setField(bad[0], bad[1]))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(fromBuilder.getMessage());
            assertThatThrownBy(() -> new FieldList().addField(bad[0], bad[1]))
                    .hasMessage(fromBuilder.getMessage());
        }
    }

    private static Throwable catchThrown(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            return e;
        }
        throw new AssertionError("expected a failure");
    }
}
