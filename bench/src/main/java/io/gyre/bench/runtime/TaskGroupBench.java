package io.gyre.bench.runtime;

import io.gyre.runtime.TaskBody;
import io.gyre.runtime.TaskGroup;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * A task group of {@value #CHILDREN} empty children, all started then all awaited, versus the
 * same number of raw virtual threads started then joined.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class TaskGroupBench extends GyreBench {
    static final int CHILDREN = 10_000;
    private static final TaskBody<Object> EMPTY = () -> null;
    private static final Runnable EMPTY_RUNNABLE = () -> { };


    @Benchmark
    public Object gyre() {
        return supervisor.spawn(() -> TaskGroup.run(g -> {
            for (int i = 0; i < CHILDREN; i++) {
                g.spawn(EMPTY);
            }
            return null;
        })).join();
    }

    @Benchmark
    public Thread raw() throws InterruptedException {
        Thread outer = Thread.ofVirtual().start(() -> {
            Thread[] children = new Thread[CHILDREN];
            for (int i = 0; i < CHILDREN; i++) {
                children[i] = Thread.ofVirtual().start(EMPTY_RUNNABLE);
            }
            try {
                for (Thread t : children) {
                    t.join();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        outer.join();
        return outer;
    }
}
