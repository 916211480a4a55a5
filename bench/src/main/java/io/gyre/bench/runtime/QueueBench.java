package io.gyre.bench.runtime;

import io.gyre.runtime.TaskQueue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Queue throughput, ns per item moved from producers to consumers: Gyre's {@link TaskQueue} (in
 * Gyre tasks) versus {@link ArrayBlockingQueue} and {@link LinkedTransferQueue} (in virtual
 * threads). {@code pairs} = 1 is one producer and one consumer; 4 is four of each. Bounded
 * queues hold {@value #CAPACITY} items. Target: Gyre within 1.5x of the JDK.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class QueueBench extends GyreBench {
    static final int ITEMS = 100_000;
    static final int CAPACITY = 1024;
    private static final Integer ITEM = 42;

    @Param({"1", "4"})
    public int pairs;


    @Benchmark
    @OperationsPerInvocation(ITEMS)
    public void gyreTaskQueue() {
        TaskQueue<Integer> q = TaskQueue.fifo(CAPACITY);
        int each = ITEMS / pairs;
        Workers.gyre(supervisor, 2 * pairs, w -> {
            if (w < pairs) {
                for (int i = 0; i < each; i++) {
                    q.put(ITEM);
                }
            } else {
                for (int i = 0; i < each; i++) {
                    q.take();
                }
            }
        });
    }

    private void jdk(BlockingQueue<Integer> q) throws InterruptedException {
        int each = ITEMS / pairs;
        Workers.raw(2 * pairs, w -> {
            if (w < pairs) {
                for (int i = 0; i < each; i++) {
                    q.put(ITEM);
                }
            } else {
                for (int i = 0; i < each; i++) {
                    q.take();
                }
            }
        });
    }

    @Benchmark
    @OperationsPerInvocation(ITEMS)
    public void jdkArrayBlockingQueue() throws InterruptedException {
        jdk(new ArrayBlockingQueue<>(CAPACITY));
    }

    @Benchmark
    @OperationsPerInvocation(ITEMS)
    public void jdkLinkedTransferQueue() throws InterruptedException {
        jdk(new LinkedTransferQueue<>());
    }
}
