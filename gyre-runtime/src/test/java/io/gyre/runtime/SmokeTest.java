package io.gyre.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void runReturnsTheMainResult() {
        assertThat(Gyre.run(() -> 42)).isEqualTo(42);
    }

    @Test
    void groupJoinsChildren() {
        String r = Gyre.run(() -> TaskGroup.run(g -> {
            Task<String> a = g.spawn("a", () -> "A");
            Task<String> b = g.spawn("b", () -> "B");
            return a.join() + b.join();
        }));
        assertThat(r).isEqualTo("AB");
    }

    @Test
    void timeoutExpires() {
        assertThatThrownBy(() -> Gyre.run(() -> Timeout.failAfter(Duration.ofMillis(20), t -> {
            Gyre.sleep(Duration.ofSeconds(10));
            return 1;
        }))).isInstanceOf(DeadlineExceededException.class);
    }
}
