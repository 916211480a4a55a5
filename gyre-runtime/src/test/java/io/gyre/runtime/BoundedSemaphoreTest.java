package io.gyre.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

@org.junit.jupiter.api.Timeout(20)
class BoundedSemaphoreTest {

    @Test
    void releasingMoreThanAcquiredIsAnErrorThatNamesTheCaller() {
        Gyre.run(() -> {
            BoundedSemaphore s = BoundedSemaphore.create(2);
            assertThatThrownBy(s::release).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("BoundedSemaphore with 2 permits was released more times than it was acquired")
                    .hasMessageContaining("task '");
            assertThat(s.available()).isEqualTo(2);
            return null;
        });
    }

    @Test
    void aPermitHandleReleasesExactlyOnce() {
        Gyre.run(() -> {
            BoundedSemaphore s = BoundedSemaphore.create(1);
            Held permit = s.acquire();
            assertThat(s.available()).isZero();
            permit.close();
            permit.close();
            assertThat(s.available()).isEqualTo(1);
            assertThatThrownBy(s::release).isInstanceOf(IllegalStateException.class);
            return null;
        });
    }

    @Test
    void releasingANamedSemaphoreTooOftenNamesItAndTheCaller() {
        Gyre.run(() -> {
            BoundedSemaphore s = BoundedSemaphore.create("db-connections", 1);
            Held held = s.acquire();
            s.release(); // gives the permit back early; closing the handle then releases it a second time
            assertThatThrownBy(held::close).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("BoundedSemaphore 'db-connections' with 1 permits was released more times")
                    .hasMessageContaining("task 'main'");
            assertThat(s).hasToString("BoundedSemaphore 'db-connections'[Statistics[available=1, waiting=0]]");
            return null;
        });
    }
}
