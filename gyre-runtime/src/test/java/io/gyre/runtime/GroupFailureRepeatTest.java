package io.gyre.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A body that joined a failed child repeats its failure; one that also carries another failure is kept. */
class GroupFailureRepeatTest {
    @Test
    @SuppressWarnings("try") // the resource is there for its failing close
    void aJoinFailureCarryingASuppressedCloseFailureIsNotDroppedAsARepeat() {
        Throwable thrown = catchThrowable(() -> Gyre.run(() -> TaskGroup.run(g -> {
            Task<Void> child = g.spawn("child", () -> {
                throw new IllegalStateException("boom");
            });
            // shielded, so the body sees the child's failure from join() even if the group aborts first
            return Cancellation.shield(Duration.ofSeconds(10), () -> {
                try (AutoCloseable resource = () -> {
                    throw new IllegalStateException("close failed");
                }) {
                    return child.join();
                }
            });
        })));
        assertThat(thrown).isInstanceOf(TaskGroupException.class);
        assertThat(((TaskGroupException) thrown).failures()).as("the group's failures")
                .anySatisfy(f -> assertThat(f.getSuppressed()).extracting(Throwable::getMessage)
                        .contains("close failed"));
    }
}
