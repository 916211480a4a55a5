package io.gyre.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

@org.junit.jupiter.api.Timeout(20)
class EventTest {

    @Test
    void setWakesEveryWaiterEvenIfClearedAtOnce() {
        Gyre.run(() -> {
            Event e = Event.create();
            TaskGroup.run(g -> {
                Task<Void> a = g.spawn("a", () -> e.await());
                Task<Void> b = g.spawn("b", () -> e.await());
                Until.holds("both wait", () -> e.statistics().waiting() == 2);
                e.set();
                e.clear();
                a.join();
                b.join();
                return null;
            });
            assertThat(e.isSet()).isFalse();
            return null;
        });
    }

    @Test
    void awaitReturnsAtOnceWhileSetAndWaitsAfterClear() {
        Gyre.run(() -> {
            Event e = Event.create();
            e.set();
            e.await();
            assertThat(e.await(Duration.ZERO)).isTrue();
            e.clear();
            assertThat(e.await(Duration.ofMillis(1))).isFalse();
            return null;
        });
    }

    @Test
    void aCancelledWaiterStopsWaiting() {
        Gyre.run(() -> {
            Event e = Event.create();
            TaskGroup.run(g -> {
                Task<Void> w = g.spawn("w", () -> e.await());
                Until.holds("waits", () -> e.statistics().waiting() == 1);
                w.cancel("enough");
                assertThatThrownBy(w::join).isInstanceOf(CancelledException.class);
                assertThat(e.statistics()).isEqualTo(new Event.Statistics(false, 0));
                return null;
            });
            return null;
        });
    }
}
