package io.gyre.examples;

import io.gyre.runtime.CancelledException;
import io.gyre.runtime.Gyre;
import io.gyre.runtime.Runner;
import io.gyre.runtime.RunnerConfig;
import io.gyre.runtime.Task;
import io.gyre.runtime.TaskGroup;
import io.gyre.runtime.Timeout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A crawler-shaped demo of structured concurrency: a task group fans out over a simulated site,
 * each page under its own deadline, the whole crawl under an overall deadline. Press Ctrl+C at
 * any time: every fetch is cancelled and awaited, and the program says how it ended.
 */
public final class RuntimeDemo {
    private static final Map<String, List<String>> SITE = Map.of(
            "/", List.of("/docs", "/blog", "/about"),
            "/docs", List.of("/docs/runtime", "/docs/server", "/docs/web"),
            "/blog", List.of("/blog/1", "/blog/2", "/blog/3", "/blog/4"),
            "/docs/runtime", List.of("/docs/runtime/cancellation", "/docs/runtime/timeouts"),
            "/docs/server", List.of("/docs/server/shutdown"),
            "/blog/4", List.of("/blog/4/comments"));

    private RuntimeDemo() {
    }

    /**
     * Runs the crawl.
     *
     * @param args optional: the overall deadline in seconds (default 10)
     */
    public static void main(String[] args) {
        Duration overall = Duration.ofSeconds(args.length > 0 ? Long.parseLong(args[0]) : 10);
        System.out.println("gyre runtime demo: crawling a simulated site (deadline " + overall.toSeconds()
                + " s per crawl, 400 ms per page). Ctrl+C cancels cleanly.");
        long start = System.nanoTime();
        RunnerConfig config = RunnerConfig.builder().name("crawler").handleSignals(true).build();
        try {
            Map<String, String> pages = Runner.create(config).run(() ->
                    Timeout.failAfter(overall, deadline -> crawl("/")));
            System.out.printf("crawled %d pages in %d ms; every task ended before the runner returned%n",
                    pages.size(), (System.nanoTime() - start) / 1_000_000);
        } catch (CancelledException e) {
            System.out.println("crawl cancelled (" + e.reason() + "); all fetches were cancelled and awaited");
        }
    }

    /** Crawls breadth-first: one task group per level, one task per page. */
    static Map<String, String> crawl(String root) {
        Map<String, String> seen = new ConcurrentHashMap<>();
        List<String> level = List.of(root);
        while (!level.isEmpty()) {
            List<String> current = level;
            level = TaskGroup.run("level", group -> {
                List<Task<Optional<List<String>>>> fetches = new ArrayList<>();
                for (String path : current) {
                    fetches.add(group.spawn("fetch " + path, () ->
                            Timeout.moveOnAfter(Duration.ofMillis(400), t -> fetch(path, seen))));
                }
                List<String> next = new ArrayList<>();
                for (Task<Optional<List<String>>> f : fetches) {
                    f.join().ifPresentOrElse(next::addAll,
                            () -> System.out.println("  " + f.name() + ": gave up after 400 ms"));
                }
                return next;
            });
        }
        return seen;
    }

    private static List<String> fetch(String path, Map<String, String> seen) {
        long ms = ThreadLocalRandom.current().nextLong(50, 500);
        Gyre.sleep(Duration.ofMillis(ms));
        seen.put(path, "page " + path);
        System.out.printf("  fetched %-28s in %3d ms%n", path, ms);
        return SITE.getOrDefault(path, List.of());
    }
}
