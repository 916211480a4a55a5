package io.gyre.runtime;

import io.gyre.runtime.internal.TaskImpl;
import java.time.Duration;

/**
 * Gyre's static entry points: run a main function under a {@link Runner}, and sleep.
 *
 * {@snippet :
 * public static void main(String[] args) {
 *     String result = Gyre.run(() -> TaskGroup.run(group -> {
 *         Task<String> a = group.spawn("a", () -> work("a"));
 *         Task<String> b = group.spawn("b", () -> work("b"));
 *         return a.join() + b.join();
 *     }));
 * }
 * }
 */
public final class Gyre {
    private Gyre() {
    }

    /**
     * Runs {@code main} under a new runner with the default configuration: asyncio's
     * {@code asyncio.run}. Blocking.
     *
     * @param <T> the result type
     * @param main the main function
     * @return what it returned
     * @see Runner#run(TaskBody)
     */
    public static <T> T run(TaskBody<T> main) {
        return Runner.create().run(main);
    }

    /**
     * Runs {@code main} under a new runner with the given configuration. Blocking.
     *
     * @param <T> the result type
     * @param config the runner's configuration
     * @param main the main function
     * @return what it returned
     */
    public static <T> T run(RunnerConfig config, TaskBody<T> main) {
        return Runner.create(config).run(main);
    }

    /**
     * Runs {@code main}, which returns nothing, under a new runner with the default
     * configuration: {@code asyncio.run(main())} for a {@code main} without a result. Blocking.
     *
     * @param main the main function
     * @see Runner#run(VoidBody)
     */
    public static void run(VoidBody main) {
        Runner.create().run(main);
    }

    /**
     * Runs {@code main}, which returns nothing, under a new runner with the given configuration.
     * Blocking.
     *
     * @param config the runner's configuration
     * @param main the main function
     */
    public static void run(RunnerConfig config, VoidBody main) {
        Runner.create(config).run(main);
    }

    /**
     * Sleeps for {@code duration}: a cancellation point.
     *
     * @param duration how long; zero or negative just checks for cancellation
     * @throws CancelledException if the task is cancelled meanwhile
     */
    public static void sleep(Duration duration) {
        TaskImpl.sleep(duration.toNanos());
    }
}
