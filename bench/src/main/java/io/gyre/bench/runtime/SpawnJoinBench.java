package io.gyre.bench.runtime;

import io.gyre.runtime.TaskBody;
import io.gyre.runtime.TaskGroup;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Spawn-and-join of an empty task: a Gyre task versus a raw virtual thread. Target: Gyre under
 * 1.5x raw.
 *
 * <p>{@code fromPlatform*}: the benchmark thread (a platform thread) starts the task and joins it.
 * {@code fromTask*}: one task (or virtual thread) starts and joins {@value #INNER} children in
 * turn, as request code does; Gyre's children live in a {@link TaskGroup}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SpawnJoinBench extends GyreBench {
    static final int INNER = 100;
    private static final TaskBody<Object> EMPTY = () -> null;
    private static final Runnable EMPTY_RUNNABLE = () -> { };


    @Benchmark
    public Object fromPlatformGyre() {
        return supervisor.spawn(EMPTY).join();
    }

    @Benchmark
    public Thread fromPlatformRaw() throws InterruptedException {
        Thread t = Thread.ofVirtual().start(EMPTY_RUNNABLE);
        t.join();
        return t;
    }

    @Benchmark
    @OperationsPerInvocation(INNER)
    public Object fromTaskGyre() {
        return supervisor.spawn(() -> TaskGroup.run(g -> {
            Object last = null;
            for (int i = 0; i < INNER; i++) {
                last = g.spawn(EMPTY).join();
            }
            return last;
        })).join();
    }

    @Benchmark
    @OperationsPerInvocation(INNER)
    public Thread fromTaskRaw() throws InterruptedException {
        Thread outer = Thread.ofVirtual().start(() -> {
            try {
                for (int i = 0; i < INNER; i++) {
                    Thread.ofVirtual().start(EMPTY_RUNNABLE).join();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        outer.join();
        return outer;
    }
}
