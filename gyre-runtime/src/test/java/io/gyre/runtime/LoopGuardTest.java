package io.gyre.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class LoopGuardTest {

    private static RunnerConfig config(boolean debug) {
        return RunnerConfig.builder().name("guard").loops(1).debug(debug).build();
    }

    @Test
    void inDebugModeALoopConfinedCallFromATaskRaisesNamingLoopOperationAndCaller() {
        assertThatThrownBy(() -> Gyre.run(config(true), () -> {
            LoopGuard.checkInLoop(Runner.current().orElseThrow().loops().loops().getFirst(), "Connection.onBytes");
            return null;
        })).isInstanceOf(WrongThreadException.class)
                .hasMessageContaining("Loop 'guard-loop-0'")
                .hasMessageContaining("Connection.onBytes")
                .hasMessageContaining("task 'main'")
                .hasMessageContaining("callSoon");
    }

    @Test
    void onTheLoopThreadTheCheckPasses() {
        String result = Gyre.run(config(true), () -> {
            Loop loop = Runner.current().orElseThrow().loops().loops().getFirst();
            CompletableFuture<String> f = new CompletableFuture<>();
            loop.callSoon(() -> {
                LoopGuard.checkInLoop(loop, "Connection.onBytes");
                f.complete("passed");
            });
            return f.join();
        });
        assertThat(result).isEqualTo("passed");
    }

    @Test
    void outsideDebugModeTheCheckNeverRaises() {
        boolean enabled = Gyre.run(config(false), () -> {
            Loop loop = Runner.current().orElseThrow().loops().loops().getFirst();
            LoopGuard.checkInLoop(loop, "Connection.onBytes");
            return LoopGuard.enabled(loop);
        });
        assertThat(enabled).isFalse();
    }
}
