package io.gyre.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.SelectionKey;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LoopTest {
    private final Loop loop = Loop.create("test-loop");

    @AfterEach
    void close() {
        loop.stop("LoopTest cleanup");
        loop.awaitClosed(Duration.ofSeconds(5));
    }

    @Test
    void callbacksRunInFifoOrderAndOnesPostedDuringABatchRunInTheNext() throws Exception {
        List<String> order = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        loop.callSoon(() -> {
            order.add("a");
            loop.callSoon(() -> {
                order.add("c");
                done.countDown();
            });
        });
        loop.callSoon(() -> order.add("b"));
        loop.start();
        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(order).containsExactly("a", "b", "c");
    }

    @Test
    void timersFireInDeadlineOrderAndEqualDeadlinesKeepSchedulingOrder() throws Exception {
        // scheduled before the loop starts, so that a pause of this thread cannot let "late" fire
        // before "first" is even scheduled
        List<String> order = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(4);
        long base = System.nanoTime() + 20_000_000;
        loop.callAt(base + 10_000_000, "late", () -> {
            order.add("late");
            done.countDown();
        });
        loop.callAt(base, "first", () -> {
            order.add("first");
            done.countDown();
        });
        loop.callAt(base, "second", () -> {
            order.add("second");
            done.countDown();
        });
        Timer cancelled = loop.callAt(base, "never", () -> order.add("never"));
        assertThat(cancelled.cancel()).isTrue();
        assertThat(cancelled.cancel()).isFalse();
        loop.callLater(Duration.ofMillis(40), done::countDown);
        loop.start();
        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(order).containsExactly("first", "second", "late");
    }

    @Test
    void aFailingCallbackIsReportedWithItsDescriptionAndTheLoopKeepsRunning() throws Exception {
        AtomicReference<String> described = new AtomicReference<>();
        CountDownLatch handled = new CountDownLatch(1);
        CountDownLatch after = new CountDownLatch(1);
        loop.exceptionHandler((l, description, failure) -> {
            described.set(description + " / " + failure.getMessage());
            handled.countDown();
        });
        loop.start();
        loop.callSoon("refresh the cache", () -> {
            throw new IllegalStateException("cache gone");
        });
        loop.callSoon(after::countDown);
        assertThat(handled.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(after.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(described.get()).isEqualTo("refresh the cache / cache gone");
        assertThat(loop.state()).isEqualTo(LoopState.RUNNING);
    }

    @Test
    void aClosedLoopRefusesEveryOperationNamingTheLoopWhoClosedItAndTheCaller() {
        loop.start();
        loop.stop("the test's teardown");
        assertThat(loop.awaitClosed(Duration.ofSeconds(5))).isTrue();
        assertThat(loop.state()).isEqualTo(LoopState.CLOSED);
        List<Runnable> operations = List.of(
                () -> loop.callSoon(() -> { }),
                () -> loop.execute(() -> { }),
                () -> loop.callLater(Duration.ofMillis(1), () -> { }),
                () -> loop.callAt(0, "x", () -> { }));
        for (Runnable op : operations) {
            assertThatThrownBy(op::run).isInstanceOf(ClosedException.class)
                    .hasMessageContaining("Loop 'test-loop' is closed")
                    .hasMessageContaining("closed by the test's teardown at ")
                    .hasMessageContaining("thread '" + Thread.currentThread().getName() + "' tried to");
        }
        assertThatThrownBy(loop::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("a loop starts once");
    }

    @Test
    void aClosedLoopOfARunnerNamesTheTaskThatTriedToUseIt() {
        Loop[] kept = new Loop[1];
        Gyre.run(() -> {
            kept[0] = Runner.current().orElseThrow().loops().next();
            return null;
        });
        AtomicReference<Throwable> error = new AtomicReference<>();
        Gyre.run(() -> {
            try {
                kept[0].callSoon(() -> { });
            } catch (ClosedException e) {
                error.set(e);
            }
            return null;
        });
        assertThat(error.get()).hasMessageContaining("closed by Runner 'gyre' shutdown")
                .hasMessageContaining("task 'main' (spawned at LoopTest");
    }

    @Test
    void postingFromAnotherThreadWakesASleepingLoop() throws Exception {
        loop.start();
        for (int i = 0; i < 200; i++) {
            CountDownLatch ran = new CountDownLatch(1);
            loop.execute(ran::countDown);
            assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void registeringAChannelOffTheLoopThreadIsRefused() throws IOException {
        loop.start();
        Pipe pipe = Pipe.open();
        try {
            pipe.source().configureBlocking(false);
            assertThatThrownBy(() -> loop.register(pipe.source(), SelectionKey.OP_READ, k -> { }))
                    .isInstanceOf(WrongThreadException.class).hasMessageContaining("loop.callSoon");
        } finally {
            pipe.source().close();
            pipe.sink().close();
        }
    }

    @Test
    void ioReadinessIsDispatchedToTheRegisteredHandlerOnTheLoopThread() throws Exception {
        loop.start();
        Pipe pipe = Pipe.open();
        pipe.source().configureBlocking(false);
        CountDownLatch read = new CountDownLatch(1);
        AtomicReference<String> got = new AtomicReference<>();
        loop.callSoon(() -> loop.register(pipe.source(), SelectionKey.OP_READ, key -> {
            ByteBuffer b = ByteBuffer.allocate(16);
            try {
                int n = pipe.source().read(b);
                got.set(new String(b.array(), 0, n) + "@" + loop.inLoop());
                key.cancel();
                read.countDown();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }));
        pipe.sink().write(ByteBuffer.wrap("ping".getBytes()));
        assertThat(read.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(got.get()).isEqualTo("ping@true");
        pipe.sink().close();
    }

    @Test
    void stopRunsCallbacksAlreadyQueuedThenCloses() throws Exception {
        CountDownLatch ran = new CountDownLatch(3);
        loop.start();
        CountDownLatch gate = new CountDownLatch(1);
        loop.callSoon(() -> {
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ran.countDown();
        });
        loop.callSoon(ran::countDown);
        loop.callSoon(ran::countDown);
        loop.stop("test");
        gate.countDown();
        assertThat(loop.awaitClosed(Duration.ofSeconds(5))).isTrue();
        assertThat(ran.getCount()).isZero();
    }

    @Test
    void aLoopGroupHandsOutLoopsRoundRobin() {
        LoopGroup g = LoopGroup.create("rr", 3);
        assertThat(List.of(g.next(), g.next(), g.next(), g.next()))
                .extracting(Loop::name).containsExactly("rr-0", "rr-1", "rr-2", "rr-0");
        g.start();
        assertThat(g.close("test", Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void aCallbackPostedAfterAKeyWasCancelledFindsItsChannelNoLongerRegistered() throws Exception {
        loop.start();
        Pipe pipe = Pipe.open();
        try {
            pipe.source().configureBlocking(false);
            AtomicReference<SelectionKey> key = new AtomicReference<>();
            onLoop(() -> key.set(loop.register(pipe.source(), SelectionKey.OP_READ, k -> { })));
            List<Boolean> seen = new CopyOnWriteArrayList<>();
            onLoop(() -> {
                key.get().cancel();
                seen.add(pipe.source().isRegistered()); // still registered: no selection since
                loop.callSoon(() -> seen.add(pipe.source().isRegistered()));
            });
            onLoop(() -> seen.add(pipe.source().isRegistered()));
            assertThat(seen).containsExactly(true, false, false);
        } finally {
            pipe.source().close();
            pipe.sink().close();
        }
    }

    @Test
    void aHandlerStillRegisteredWhenItsLoopClosesIsToldOnTheLoopThreadBeforeItsChannelCloses() throws Exception {
        loop.start();
        Pipe pipe = Pipe.open();
        try {
            pipe.source().configureBlocking(false);
            Pipe second = Pipe.open();
            Pipe.SourceChannel other = second.source();
            other.configureBlocking(false);
            List<String> told = new CopyOnWriteArrayList<>();
            IoHandler owner = new IoHandler() {
                @Override
                public void ready(SelectionKey key) {
                }

                @Override
                public void loopClosed(SelectionKey key) {
                    told.add("open=" + key.channel().isOpen() + " inLoop=" + loop.inLoop() + " state=" + loop.state());
                }
            };
            IoHandler gone = new IoHandler() {
                @Override
                public void ready(SelectionKey key) {
                }

                @Override
                public void loopClosed(SelectionKey key) {
                    told.add("a cancelled key's handler");
                }
            };
            onLoop(() -> loop.register(pipe.source(), SelectionKey.OP_READ, owner));
            onLoop(() -> loop.register(other, SelectionKey.OP_READ, gone).cancel()); // its owner let it go
            loop.stop("test");
            assertThat(loop.awaitClosed(Duration.ofSeconds(5))).isTrue();
            assertThat(told).containsExactly("open=true inLoop=true state=CLOSED");
            assertThat(pipe.source().isOpen()).as("the channel, closed by the loop after its handler").isFalse();
            other.close();
            second.sink().close();
        } finally {
            pipe.source().close();
            pipe.sink().close();
        }
    }

    /** Posts {@code r} to the running loop and waits until it ran. */
    private void onLoop(Runnable r) throws InterruptedException {
        CountDownLatch ran = new CountDownLatch(1);
        loop.execute(() -> {
            try {
                r.run();
            } finally {
                ran.countDown();
            }
        });
        assertThat(ran.await(5, TimeUnit.SECONDS)).as("the loop ran the callback").isTrue();
    }
}
