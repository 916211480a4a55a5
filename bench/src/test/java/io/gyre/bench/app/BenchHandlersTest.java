package io.gyre.bench.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.gyre.server.LoopSafeHandler;
import io.gyre.server.Request;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

class BenchHandlersTest {
    /** A request that only knows its path, which is all runsInline reads. */
    private static Request get(String path) {
        return (Request) Proxy.newProxyInstance(Request.class.getClassLoader(), new Class<?>[] {Request.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "path" -> path;
                    case "toString" -> "GET " + path;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void jsonLeavesTheLoopUntilItsMapperIsMadeAndThenRunsInline() throws Exception {
        LoopSafeHandler handler = BenchHandlers.loopSafe();
        assertThat(handler.runsInline(get("/json"))).as("before the mapper exists").isFalse();

        Class.forName(BenchHandlers.class.getName() + "$Json", true, BenchHandlers.class.getClassLoader());

        assertThat(handler.runsInline(get("/json"))).as("once the mapper exists").isTrue();
        assertThat(handler.runsInline(get("/plaintext"))).isTrue();
        assertThat(handler.runsInline(get("/slow"))).isFalse();
    }
}
