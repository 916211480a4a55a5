package io.gyre.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * A client that leaves after its request head arrived but before the request's task got a thread:
 * the loop cancels the task, which then never runs the handler. The request must still end (the
 * active-request count returns to zero), or graceful shutdown would wait for it until its timeout.
 * The race is made deterministic by keeping every virtual-thread carrier busy until the client
 * has gone.
 */
class TaskCancelledBeforeStartTest {
    @Test
    void aRequestWhoseTaskIsCancelledBeforeItStartsStopsBeingCounted() throws Exception {
        AtomicBoolean handlerRan = new AtomicBoolean();
        try (TestServer server = TestServer.start((rq, rs) -> {
            handlerRan.set(true);
            rs.send("ran");
        })) {
            Carriers busy = Carriers.occupyAll();
            try {
                try (RawClient c = new RawClient(server.port())) {
                    c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
                    awaitTrue(() -> server.stats().activeRequests() == 1, "the request to start");
                }
                awaitTrue(() -> server.stats().connections() == 0, "the server to see the client leave");
                assertThat(server.stats().activeRequests()).isEqualTo(1);
            } finally {
                busy.close();
            }
            awaitTrue(() -> server.stats().activeRequests() == 0, "the request to end");
            assertThat(handlerRan).as("the handler of a task cancelled before it started").isFalse();
            try (RawClient c = new RawClient(server.port())) {
                assertThat(c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read().body()).isEqualTo("ran");
            }
            assertThat(server.stop()).isZero();
        }
    }

    /** Polls (bounded): the server publishes no event for these counters. */
    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(1);
        }
    }

    /**
     * Virtual threads spinning on every carrier of the default scheduler, so a newly started
     * virtual thread waits until {@link #close}. Spinners are added until one is not picked up
     * within a generous bound: then every carrier is taken.
     */
    private static final class Carriers {
        private volatile boolean released;
        private final AtomicInteger running = new AtomicInteger();
        private final List<Thread> spinners = new ArrayList<>();

        static Carriers occupyAll() throws InterruptedException {
            Carriers c = new Carriers();
            while (true) {
                int before = c.running.get();
                c.spinners.add(Thread.ofVirtual().name("carrier-spinner").start(c::spin));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
                while (c.running.get() == before && System.nanoTime() - deadline < 0) {
                    Thread.sleep(1);
                }
                if (c.running.get() == before) {
                    return c;
                }
            }
        }

        private void spin() {
            running.incrementAndGet();
            while (!released) {
                Thread.onSpinWait();
            }
        }

        void close() {
            released = true;
            for (Thread t : spinners) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
