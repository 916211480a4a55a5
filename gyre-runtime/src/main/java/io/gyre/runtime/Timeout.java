package io.gyre.runtime;

import io.gyre.runtime.internal.DeadlineScope;
import java.time.Duration;
import java.util.Optional;

/**
 * A deadline scope: asyncio's {@code timeout()}, Trio's {@code fail_after} / {@code move_on_after}.
 *
 * <p>When the deadline passes, the body is cancelled at its next blocking point. On the way out,
 * the scope turns that cancellation into a {@link DeadlineExceededException} ({@code failAfter})
 * or an empty result ({@code moveOnAfter}) &mdash; but only if <em>this</em> scope expired: an
 * unrelated cancellation of the task stays a {@link CancelledException}, and exceptions of the
 * body pass through. Nested deadlines compose: the earliest wins. Zero and past deadlines fire at
 * the next blocking point. The deadline can be moved or removed while the scope is active.
 *
 * {@snippet :
 * Optional<String> page = Timeout.moveOnAfter(Duration.ofSeconds(2), t -> fetch(url));
 * }
 *
 * <p>Thread-safety: a {@code Timeout} is used by the task that opened it; {@link #reschedule}
 * may also be called from other threads.
 */
public sealed interface Timeout permits DeadlineScope {

    /**
     * The code run under a deadline.
     *
     * @param <T> the type it returns
     */
    @FunctionalInterface
    interface Body<T> {
        /**
         * Runs under the deadline.
         *
         * @param timeout the scope, to read or move its deadline
         * @return the result
         * @throws Exception any failure of the body; it passes through the scope
         */
        T run(Timeout timeout) throws Exception;
    }

    /**
     * Runs {@code body}; if it has not finished after {@code delay}, cancels it and throws.
     *
     * @param <T> the result type
     * @param delay the time allowed; zero or negative fires at the next blocking point
     * @param body the work
     * @return what the body returned
     * @throws DeadlineExceededException if this scope's deadline cancelled the body
     */
    static <T> T failAfter(Duration delay, Body<T> body) {
        return DeadlineScope.run(DeadlineScope.deadlineAfter(delay), true, body).orElse(null);
    }

    /**
     * Runs {@code body} with an absolute deadline on the {@link System#nanoTime()} clock.
     *
     * @param <T> the result type
     * @param deadlineNanos the deadline
     * @param body the work
     * @return what the body returned
     * @throws DeadlineExceededException if this scope's deadline cancelled the body
     */
    static <T> T failAt(long deadlineNanos, Body<T> body) {
        return DeadlineScope.run(deadlineNanos, true, body).orElse(null);
    }

    /**
     * Runs {@code body}; if it has not finished after {@code delay}, cancels it and returns empty.
     *
     * @param <T> the result type
     * @param delay the time allowed
     * @param body the work
     * @return the body's result, or empty if the deadline cancelled it (also empty if the body
     *     returned {@code null})
     */
    static <T> Optional<T> moveOnAfter(Duration delay, Body<T> body) {
        return DeadlineScope.run(DeadlineScope.deadlineAfter(delay), false, body);
    }

    /**
     * Like {@link #moveOnAfter} with an absolute deadline on the {@link System#nanoTime()} clock.
     *
     * @param <T> the result type
     * @param deadlineNanos the deadline
     * @param body the work
     * @return the body's result, or empty if the deadline cancelled it
     */
    static <T> Optional<T> moveOnAt(long deadlineNanos, Body<T> body) {
        return DeadlineScope.run(deadlineNanos, false, body);
    }

    /**
     * Returns the current deadline on the {@link System#nanoTime()} clock.
     *
     * @return the deadline, or empty if it was removed
     */
    Optional<Long> deadline();

    /**
     * Moves the deadline to {@code delay} from now.
     *
     * @param delay the new time allowed from now
     * @throws IllegalStateException if the scope has already expired or ended
     */
    void reschedule(Duration delay);

    /**
     * Moves the deadline to an absolute time on the {@link System#nanoTime()} clock.
     *
     * @param deadlineNanos the new deadline
     * @throws IllegalStateException if the scope has already expired or ended
     */
    void rescheduleAt(long deadlineNanos);

    /**
     * Removes the deadline: the scope no longer expires.
     *
     * @throws IllegalStateException if the scope has already expired or ended
     */
    void clear();

    /**
     * Tells whether the deadline passed and cancelled the body.
     *
     * @return {@code true} once expired
     */
    boolean expired();
}
