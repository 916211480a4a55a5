package io.gyre.bench.runtime;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Diagnostic: the cost of the pieces a spawn adds to a raw virtual-thread start, each measured
 * alone with plain JDK code of the same shape: a creation-site stack walk that skips a few
 * framework frames, a {@link ScopedValue} binding around the body, and the generated task name.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SpawnPartsBench {
    private static final StackWalker WALKER = StackWalker.getInstance();
    private static final String SKIP = SpawnPartsBench.class.getName() + "$Framework";
    private static final ScopedValue<Object> KEY = ScopedValue.newInstance();

    private final Object value = new Object();
    private long spawned;

    /** Stands in for the framework frames between the caller and the stack walk. */
    static final class Framework {
        static StackWalker.StackFrame spawn() {
            return spawnTask();
        }

        static StackWalker.StackFrame spawnTask() {
            return capture();
        }

        static StackWalker.StackFrame capture() {
            return WALKER.walk(s -> s.filter(f -> !f.getClassName().startsWith(SKIP)).findFirst().orElse(null));
        }
    }

    @Benchmark
    public StackWalker.StackFrame creationSiteWalk() {
        return Framework.spawn();
    }

    @Benchmark
    public Object scopedValueBinding() throws Exception {
        return ScopedValue.where(KEY, value).call(() -> value);
    }

    @Benchmark
    public String generatedName() {
        return "bench-" + (++spawned);
    }
}
