package io.gyre.bench.runtime;

import io.gyre.runtime.Gyre;
import io.gyre.runtime.Supervisor;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a Gyre runner alive on a background thread for the length of a benchmark trial and
 * hands out a supervisor that benchmark threads spawn into.
 */
final class GyreHarness {
    private final CountDownLatch ready = new CountDownLatch(1);
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Thread runnerThread;
    private volatile Supervisor supervisor;
    private volatile Throwable failure;

    GyreHarness() {
        runnerThread = Thread.ofPlatform().name("bench-runner").daemon(true).start(this::runRunner);
        try {
            if (!ready.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the Gyre runner did not start within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the Gyre runner", e);
        }
        if (failure != null) {
            throw new IllegalStateException("the Gyre runner failed to start", failure);
        }
    }

    private void runRunner() {
        try {
            Gyre.run(() -> {
                supervisor = Supervisor.open("bench", (task, error) -> failure = error);
                ready.countDown();
                stop.await();
                return null;
            });
        } catch (Throwable t) {
            failure = t;
        } finally {
            ready.countDown();
        }
    }

    /** The scope benchmark threads spawn into; spawning from any thread is allowed. */
    Supervisor supervisor() {
        return supervisor;
    }

    void close() throws InterruptedException {
        stop.countDown();
        runnerThread.join(TimeUnit.SECONDS.toMillis(30));
        if (failure != null) {
            throw new IllegalStateException("a benchmark task failed", failure);
        }
    }
}
