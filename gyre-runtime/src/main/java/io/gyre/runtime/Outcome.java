package io.gyre.runtime;

/**
 * How one piece of work ended: with a value, a failure, or a cancellation. Returned by
 * {@link Tasks#gatherOutcomes}, one per body, so that no failure is lost and none stops the
 * others.
 *
 * {@snippet :
 * for (Outcome<String> o : Tasks.gatherOutcomes(List.of(() -> fetch(a), () -> fetch(b)))) {
 *     switch (o) {
 *         case Outcome.Success<String> s -> use(s.value());
 *         case Outcome.Failure<String> f -> log(f.failure());
 *         case Outcome.Cancelled<String> c -> log(c.cancellation());
 *     }
 * }
 * }
 *
 * @param <T> the type of the value
 */
public sealed interface Outcome<T> {

    /**
     * The work returned a value.
     *
     * @param <T> the type of the value
     * @param value what the work returned; {@code null} only for work that returns {@code null}
     */
    record Success<T>(T value) implements Outcome<T> {
    }

    /**
     * The work threw something other than a cancellation.
     *
     * @param <T> the type the work would have returned
     * @param failure what it threw
     */
    record Failure<T>(Throwable failure) implements Outcome<T> {
        /**
         * Checks the failure.
         *
         * @param failure what the work threw
         */
        public Failure {
            java.util.Objects.requireNonNull(failure, "failure");
        }
    }

    /**
     * The work was cancelled.
     *
     * @param <T> the type the work would have returned
     * @param cancellation the cancellation it ended with
     */
    record Cancelled<T>(CancelledException cancellation) implements Outcome<T> {
        /**
         * Checks the cancellation.
         *
         * @param cancellation the cancellation the work ended with
         */
        public Cancelled {
            java.util.Objects.requireNonNull(cancellation, "cancellation");
        }
    }

    /**
     * Tells whether the work returned a value.
     *
     * @return {@code true} for {@link Success}
     */
    default boolean isSuccess() {
        return this instanceof Success<T>;
    }
}
