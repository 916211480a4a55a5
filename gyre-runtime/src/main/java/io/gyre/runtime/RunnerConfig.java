package io.gyre.runtime;

import io.gyre.runtime.internal.Reports;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How a {@link Runner} runs: its name, loops, graces and where reports go. Immutable; built with
 * {@link #builder()} and validated when built.
 *
 * @param name the runner's name, quoted in errors (default {@code "gyre"})
 * @param loops the number of I/O loops (default: available processors; environment
 *     {@code GYRE_LOOPS})
 * @param shutdownGrace how long shutdown waits for cancelled leftover tasks (default 5 s)
 * @param cancelGrace how long a cancelled task may keep running before it is reported with its
 *     stack (default 5 s)
 * @param debug debug mode: full creation stacks and extra checks (default off; environment
 *     {@code GYRE_DEBUG=1})
 * @param reporter where {@link Report}s go (default: the {@code io.gyre.runtime} system logger)
 * @param offloadThreads the size of the {@link Offload} pool (default: available processors + 4,
 *     at most 32; environment {@code GYRE_OFFLOAD_THREADS})
 * @param handleSignals whether {@link Runner#run} handles SIGINT/SIGTERM (graceful, then forced
 *     shutdown) and SIGUSR1 (task dump) (default off; {@link Runner#runAndExit} always does;
 *     environment {@code GYRE_HANDLE_SIGNALS=1})
 * @param blockedThreshold how long a loop callback may run before the watchdog reports it;
 *     zero turns the watchdog off (default 100 ms; environment {@code GYRE_BLOCKED_THRESHOLD_MS})
 * @param watchPinned whether virtual threads pinned to their carrier are reported, through an
 *     in-process JFR stream (default: on in debug mode; environment {@code GYRE_WATCH_PINNED=1})
 * @param pinnedThreshold how long a virtual thread must stay pinned to be reported (default
 *     20 ms; environment {@code GYRE_PINNED_THRESHOLD_MS})
 */
public record RunnerConfig(String name, int loops, Duration shutdownGrace, Duration cancelGrace, boolean debug,
        Consumer<Report> reporter, int offloadThreads, boolean handleSignals, Duration blockedThreshold,
        boolean watchPinned, Duration pinnedThreshold) {

    /**
     * Validates the options.
     */
    public RunnerConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        Objects.requireNonNull(cancelGrace, "cancelGrace");
        Objects.requireNonNull(reporter, "reporter");
        if (loops < 1) {
            throw new IllegalArgumentException("loops must be >= 1: " + loops);
        }
        if (shutdownGrace.isNegative()) {
            throw new IllegalArgumentException("shutdownGrace < 0: " + shutdownGrace);
        }
        if (cancelGrace.isNegative()) {
            throw new IllegalArgumentException("cancelGrace < 0: " + cancelGrace);
        }
        Objects.requireNonNull(blockedThreshold, "blockedThreshold");
        Objects.requireNonNull(pinnedThreshold, "pinnedThreshold");
        if (offloadThreads < 1) {
            throw new IllegalArgumentException("offloadThreads must be >= 1: " + offloadThreads);
        }
        if (blockedThreshold.isNegative()) {
            throw new IllegalArgumentException("blockedThreshold < 0: " + blockedThreshold);
        }
        if (pinnedThreshold.isNegative()) {
            throw new IllegalArgumentException("pinnedThreshold < 0: " + pinnedThreshold);
        }
    }

    /**
     * Returns the defaults (with environment overrides applied).
     *
     * @return the default configuration
     */
    public static RunnerConfig defaults() {
        return builder().build();
    }

    /**
     * Returns a builder holding the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link RunnerConfig}; every option has a documented default. Not thread-safe. */
    public static final class Builder {
        private String name = "gyre";
        private int loops = envInt("GYRE_LOOPS", Runtime.getRuntime().availableProcessors());
        private Duration shutdownGrace = Duration.ofSeconds(5);
        private Duration cancelGrace = Duration.ofSeconds(5);
        private boolean debug = "1".equals(System.getenv("GYRE_DEBUG")) || Boolean.getBoolean("gyre.debug");
        private Consumer<Report> reporter = Reports.LOGGER;
        private int offloadThreads = envInt("GYRE_OFFLOAD_THREADS",
                Math.min(32, Runtime.getRuntime().availableProcessors() + 4));
        private boolean handleSignals = "1".equals(System.getenv("GYRE_HANDLE_SIGNALS"));
        private Duration blockedThreshold = Duration.ofMillis(envInt("GYRE_BLOCKED_THRESHOLD_MS", 100));
        private Boolean watchPinned = "1".equals(System.getenv("GYRE_WATCH_PINNED")) ? Boolean.TRUE : null;
        private Duration pinnedThreshold = Duration.ofMillis(envInt("GYRE_PINNED_THRESHOLD_MS", 20));

        private Builder() {
        }

        private static int envInt(String var, int fallback) {
            String v = System.getenv(var);
            if (v == null || v.isBlank()) {
                return fallback;
            }
            try {
                return Integer.parseInt(v.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(var + " must be an integer: '" + v + "'", e);
            }
        }

        /**
         * Sets the runner's name.
         *
         * @param name the name
         * @return this builder
         */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /**
         * Sets the number of I/O loops.
         *
         * @param loops at least 1
         * @return this builder
         */
        public Builder loops(int loops) {
            this.loops = loops;
            return this;
        }

        /**
         * Sets how long shutdown waits for cancelled leftover tasks.
         *
         * @param grace the bound
         * @return this builder
         */
        public Builder shutdownGrace(Duration grace) {
            this.shutdownGrace = grace;
            return this;
        }

        /**
         * Sets how long a cancelled task may run on before it is reported.
         *
         * @param grace the bound
         * @return this builder
         */
        public Builder cancelGrace(Duration grace) {
            this.cancelGrace = grace;
            return this;
        }

        /**
         * Turns debug mode on or off.
         *
         * @param debug the mode
         * @return this builder
         */
        public Builder debug(boolean debug) {
            this.debug = debug;
            return this;
        }

        /**
         * Sets where reports go.
         *
         * @param reporter the receiver; called from any thread, must not block
         * @return this builder
         */
        public Builder reporter(Consumer<Report> reporter) {
            this.reporter = reporter;
            return this;
        }

        /**
         * Sets the size of the {@link Offload} pool.
         *
         * @param threads at least 1
         * @return this builder
         */
        public Builder offloadThreads(int threads) {
            this.offloadThreads = threads;
            return this;
        }

        /**
         * Makes {@link Runner#run} handle SIGINT, SIGTERM and SIGUSR1.
         *
         * @param handle whether to handle them
         * @return this builder
         */
        public Builder handleSignals(boolean handle) {
            this.handleSignals = handle;
            return this;
        }

        /**
         * Sets how long a loop callback may run before it is reported as blocking its loop.
         *
         * @param threshold the bound; zero turns the watchdog off
         * @return this builder
         */
        public Builder blockedThreshold(Duration threshold) {
            this.blockedThreshold = threshold;
            return this;
        }

        /**
         * Turns reports of pinned virtual threads on or off (by default they follow debug mode).
         *
         * @param watch whether to watch
         * @return this builder
         */
        public Builder watchPinned(boolean watch) {
            this.watchPinned = watch;
            return this;
        }

        /**
         * Sets how long a virtual thread must stay pinned to be reported.
         *
         * @param threshold the bound
         * @return this builder
         */
        public Builder pinnedThreshold(Duration threshold) {
            this.pinnedThreshold = threshold;
            return this;
        }

        /**
         * Builds the configuration.
         *
         * @return the validated configuration
         * @throws IllegalArgumentException naming the option that is invalid
         */
        public RunnerConfig build() {
            return new RunnerConfig(name, loops, shutdownGrace, cancelGrace, debug, reporter, offloadThreads,
                    handleSignals, blockedThreshold, watchPinned != null ? watchPinned : debug, pinnedThreshold);
        }
    }
}
