package io.gyre.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

@org.junit.jupiter.api.Timeout(20)
class TasksShieldTest {

    @Test
    void cancellingTheWaiterLeavesTheShieldedTaskRunning() {
        Gyre.run(() -> {
            Event release = Event.create();
            TaskGroup.run(g -> {
                Task<String> inner = g.spawn("inner", () -> {
                    release.await();
                    return "inner done";
                });
                Event ready = Event.create();
                Task<String> waiter = g.spawn("waiter", () -> {
                    ready.set();
                    return Tasks.shield(inner);
                });
                ready.await();
                waiter.cancel("caller gave up");
                assertThatThrownBy(waiter::join).isInstanceOf(CancelledException.class);
                assertThat(inner.isCancelRequested()).isFalse();
                release.set();
                assertThat(inner.join()).isEqualTo("inner done");
                return null;
            });
            return null;
        });
    }

    @Test
    void workShieldedIntoAnotherScopeOutlivesTheCancelledCaller() {
        Gyre.run(() -> {
            Event release = Event.create();
            Event started = Event.create();
            Supervisor.run("background", (t, f) -> { }, background -> {
                TaskGroup.run(g -> {
                    Task<String> waiter = g.spawn("waiter", () -> Tasks.shield(background, "save", () -> {
                        started.set();
                        release.await();
                        return "saved";
                    }));
                    started.await();
                    waiter.cancel("request aborted");
                    assertThatThrownBy(waiter::join).isInstanceOf(CancelledException.class);
                    return null;
                });
                Task<?> save = background.tasks().getFirst();
                assertThat(save.name()).isEqualTo("save");
                assertThat(save.isCancelRequested()).isFalse();
                release.set();
                assertThat(save.join()).isEqualTo("saved");
                return null;
            });
            return null;
        });
    }
}
