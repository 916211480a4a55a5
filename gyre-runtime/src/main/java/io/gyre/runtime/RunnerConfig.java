package io.gyre.runtime;

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
 */
public record RunnerConfig(String name, int loops, Duration shutdownGrace, Duration cancelGrace, boolean debug,
        Consumer<Report> reporter) {

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
        private Consumer<Report> reporter = DefaultReporter.INSTANCE;

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
         * Builds the configuration.
         *
         * @return the validated configuration
         * @throws IllegalArgumentException naming the option that is invalid
         */
        public RunnerConfig build() {
            return new RunnerConfig(name, loops, shutdownGrace, cancelGrace, debug, reporter);
        }
    }

    /** Logs reports to the {@code io.gyre.runtime} system logger. */
    enum DefaultReporter implements Consumer<Report> {
        INSTANCE;

        private static final System.Logger LOG = System.getLogger("io.gyre.runtime");

        @Override
        public void accept(Report report) {
            LOG.log(System.Logger.Level.WARNING, report.describe());
        }
    }
}
