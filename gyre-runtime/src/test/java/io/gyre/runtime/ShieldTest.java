package io.gyre.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class ShieldTest {

    @Test
    void aShieldDefersCancellationAndDeliversItAtTheNextBlockingPointAfterwards() {
        List<String> steps = new CopyOnWriteArrayList<>();
        Gyre.run(() -> TaskGroup.run(g -> {
            CountDownLatch inShield = new CountDownLatch(1);
            CountDownLatch cancelSent = new CountDownLatch(1);
            Task<Void> t = g.spawn("cleanup", () -> {
                Cancellation.shield(Duration.ofSeconds(30), () -> {
                    inShield.countDown();
                    cancelSent.await();
                    Gyre.sleep(Duration.ofMillis(5)); // blocking inside the shield is not interrupted
                    steps.add("shielded work finished");
                    return null;
                });
                steps.add("after shield");
                try {
                    Gyre.sleep(Duration.ofHours(1));
                } catch (CancelledException e) {
                    steps.add("cancelled: " + e.reason());
                    throw e;
                }
            });
            inShield.await();
            t.cancel("stop");
            cancelSent.countDown();
            assertThatThrownBy(t::join).isInstanceOf(CancelledException.class);
            return null;
        }));
        assertThat(steps).containsExactly("shielded work finished", "after shield", "cancelled: stop");
    }

    @Test
    void aShieldHoldsCancellationBackOnlyUntilItsBound() {
        Gyre.run(() -> TaskGroup.run(g -> {
            CountDownLatch inShield = new CountDownLatch(1);
            Task<String> t = g.spawn("bounded", () -> Cancellation.shield(Duration.ofMillis(30), () -> {
                inShield.countDown();
                try {
                    Gyre.sleep(Duration.ofHours(1));
                    return "slept";
                } catch (CancelledException e) {
                    return "bound reached: " + e.reason();
                }
            }));
            inShield.await();
            t.cancel("hurry");
            assertThat(t.join()).isEqualTo("bound reached: hurry");
            return null;
        }));
    }

    @Test
    void aShieldWhoseBoundPassedWithoutACancellationLetsTheWorkFinish() {
        String r = Gyre.run(() -> Cancellation.shield(Duration.ZERO, () -> {
            Gyre.sleep(Duration.ofMillis(1)); // the bound has passed: nothing was cancelled, so nothing is raised
            return "slept";
        }));
        assertThat(r).isEqualTo("slept");
    }

    @Test
    void aShieldWhoseBoundPassedDeliversAPendingCancellationOnlyOnce() {
        List<String> steps = new CopyOnWriteArrayList<>();
        Gyre.run(() -> TaskGroup.run(g -> {
            CountDownLatch inShield = new CountDownLatch(1);
            Task<String> t = g.spawn("bounded", () -> Cancellation.shield(Duration.ofMillis(20), () -> {
                inShield.countDown();
                try {
                    Gyre.sleep(Duration.ofHours(1));
                } catch (CancelledException e) {
                    steps.add("cancelled: " + e.reason());
                }
                Gyre.sleep(Duration.ofMillis(1)); // cleanup may block: the cancel was delivered once
                steps.add("cleanup finished");
                return "done";
            }));
            inShield.await();
            t.cancel("hurry");
            assertThat(t.join()).isEqualTo("done");
            return null;
        }));
        assertThat(steps).containsExactly("cancelled: hurry", "cleanup finished");
    }

    @Test
    void aShieldWithAZeroBoundDeliversAPendingCancellationAtOnce() {
        List<String> steps = new CopyOnWriteArrayList<>();
        Gyre.run(() -> TaskGroup.run(g -> {
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch cancelSent = new CountDownLatch(1);
            Task<Void> t = g.spawn("unshielded", () -> {
                started.countDown();
                while (cancelSent.getCount() > 0) {
                    Thread.onSpinWait(); // no blocking point: the cancel stays pending
                }
                Cancellation.shield(Duration.ZERO, () -> {
                    try {
                        Gyre.sleep(Duration.ofHours(1));
                    } catch (CancelledException e) {
                        steps.add("cancelled: " + e.reason());
                        throw e;
                    }
                    return null;
                });
            });
            started.await();
            t.cancel("now");
            cancelSent.countDown();
            assertThatThrownBy(t::join).isInstanceOf(CancelledException.class);
            return null;
        }));
        assertThat(steps).containsExactly("cancelled: now");
    }

    @Test
    void aShieldOutsideATaskExplainsWhatIsWrong() {
        assertThatThrownBy(() -> Cancellation.shield(Duration.ofSeconds(1), () -> 1))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Cancellation.shield");
    }
}
