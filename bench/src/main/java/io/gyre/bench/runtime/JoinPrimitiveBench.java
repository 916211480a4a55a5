package io.gyre.bench.runtime;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Diagnostic: how a virtual thread waits for a child virtual thread's completion, with no Gyre
 * code involved. A parent virtual thread starts and awaits {@value #INNER} empty children in
 * turn, using (a) {@link Thread#join()}, (b) an object monitor ({@code synchronized} +
 * {@code wait}/{@code notifyAll}), (c) a volatile flag with park/unpark. Explains where
 * {@link SpawnJoinBench#fromTaskGyre} spends its time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class JoinPrimitiveBench {
    static final int INNER = 100;

    /** Completion cell waited on with an object monitor. */
    static final class MonitorCell {
        private boolean done;

        synchronized void complete() {
            done = true;
            notifyAll();
        }

        synchronized void await() throws InterruptedException {
            while (!done) {
                wait();
            }
        }
    }

    /** Completion cell waited on with park/unpark. */
    static final class ParkCell {
        private final Thread waiter = Thread.currentThread();
        private volatile boolean done;

        void complete() {
            done = true;
            LockSupport.unpark(waiter);
        }

        void await() {
            while (!done) {
                LockSupport.park(this);
            }
        }
    }

    private static Thread outer(Runnable body) throws InterruptedException {
        Thread t = Thread.ofVirtual().start(body);
        t.join();
        return t;
    }

    @Benchmark
    @OperationsPerInvocation(INNER)
    public Thread threadJoin() throws InterruptedException {
        return outer(() -> {
            try {
                for (int i = 0; i < INNER; i++) {
                    Thread.ofVirtual().start(() -> { }).join();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    @Benchmark
    @OperationsPerInvocation(INNER)
    public Thread monitorWait() throws InterruptedException {
        return outer(() -> {
            try {
                for (int i = 0; i < INNER; i++) {
                    MonitorCell cell = new MonitorCell();
                    Thread.ofVirtual().start(cell::complete);
                    cell.await();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    @Benchmark
    @OperationsPerInvocation(INNER)
    public Thread parkUnpark() throws InterruptedException {
        return outer(() -> {
            for (int i = 0; i < INNER; i++) {
                ParkCell cell = new ParkCell();
                Thread.ofVirtual().start(cell::complete);
                cell.await();
            }
        });
    }
}
