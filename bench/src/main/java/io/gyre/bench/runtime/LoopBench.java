package io.gyre.bench.runtime;

import io.gyre.runtime.Loop;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The loop's callback queue, against a single-thread {@link ExecutorService} as the JDK baseline.
 *
 * <p>{@code callSoon*}: from the loop's own thread, schedule {@value #BATCH} no-op callbacks and
 * run them (ns per callback). {@code roundTrip*}: a platform thread posts one callback to the loop
 * and parks until it has run (ns per round trip, including the loop's wake-up).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LoopBench {
    static final int BATCH = 10_000;

    private Loop loop;
    private ExecutorService executor;
    private final Signal signal = new Signal();
    private long counter;
    private final Runnable increment = () -> counter++;
    private final Runnable loopBatch = () -> {
        for (int i = 0; i < BATCH; i++) {
            loop.callSoon(increment);
        }
        loop.callSoon(signal);
    };
    private final Runnable executorBatch = () -> {
        for (int i = 0; i < BATCH; i++) {
            executor.execute(increment);
        }
        executor.execute(signal);
    };

    @Setup(Level.Trial)
    public void start() {
        loop = Loop.create("bench-loop");
        loop.start();
        executor = Executors.newSingleThreadExecutor();
    }

    @TearDown(Level.Trial)
    public void stop() throws InterruptedException {
        loop.stop("benchmark teardown");
        if (!loop.awaitClosed(Duration.ofSeconds(10))) {
            throw new IllegalStateException("loop did not close within 10 s");
        }
        executor.shutdown();
        if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("executor did not terminate within 10 s");
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long callSoonGyre() {
        signal.arm();
        loop.execute(loopBatch);
        signal.await();
        return counter;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long callSoonExecutor() {
        signal.arm();
        executor.execute(executorBatch);
        signal.await();
        return counter;
    }

    @Benchmark
    public void roundTripGyre() {
        signal.arm();
        loop.execute(signal);
        signal.await();
    }

    @Benchmark
    public void roundTripExecutor() {
        signal.arm();
        executor.execute(signal);
        signal.await();
    }
}
