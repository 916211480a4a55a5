package io.gyre.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScopedContextTest {
    private static final ScopedValue<String> REQUEST_ID = ScopedContext.propagate(ScopedValue.newInstance());
    private static final ScopedValue<String> NOT_PROPAGATED = ScopedValue.newInstance();

    @Test
    void aPropagatedScopedValueIsVisibleInTasksSpawnedInTheScope() throws Exception {
        List<String> seen = ScopedValue.where(REQUEST_ID, "req-42").call(() -> Gyre.run(() ->
                TaskGroup.run(g -> {
                    Task<String> child = g.spawn("child", () -> REQUEST_ID.get());
                    Task<String> grandchild = g.spawn("parent", () -> TaskGroup.run(inner ->
                            inner.spawn("grandchild", () -> REQUEST_ID.get()).join()));
                    return List.of(REQUEST_ID.get(), child.join(), grandchild.join());
                })));
        assertThat(seen).containsExactly("req-42", "req-42", "req-42");
    }

    @Test
    void aRebindingInsideATaskIsWhatItsChildrenSee() {
        String seen = Gyre.run(() -> ScopedValue.where(REQUEST_ID, "inner").call(() ->
                TaskGroup.run(g -> g.spawn("c", () -> REQUEST_ID.get()).join())));
        assertThat(seen).isEqualTo("inner");
    }

    @Test
    void anUnregisteredScopedValueIsNotCarried() throws Exception {
        Boolean bound = ScopedValue.where(NOT_PROPAGATED, "x").call(() -> Gyre.run(() ->
                TaskGroup.run(g -> g.spawn("c", () -> NOT_PROPAGATED.isBound()).join())));
        assertThat(bound).isFalse();
    }
}
