package io.gyre.runtime.internal;

/**
 * What failed in a cleanup while a task unwound from a cancellation: a close that threw in a
 * try-with-resources is suppressed on the cancellation. A scope may take the cancellation for its
 * own and drop it, but what rides on it must still reach someone: each scope carries it onto
 * what it throws, or reports it when it ends normally.
 *
 * <p>Cheap when nothing failed: {@link Throwable#getSuppressed()} allocates nothing for an
 * exception without suppressed ones, and nothing else is allocated then.
 */
public final class CleanupFailures {
    private CleanupFailures() {
    }

    /**
     * Returns the first failure other than a cancellation suppressed on {@code t}, at any depth
     * (a cancellation suppressed on it may carry one in turn).
     *
     * @param t a cancellation, or null
     * @return the failure, or null if none rides on {@code t}
     */
    public static Throwable first(Throwable t) {
        if (t == null) {
            return null;
        }
        for (Throwable s : t.getSuppressed()) {
            if (!Throwables.isCancellation(s)) {
                return s;
            }
            Throwable deeper = first(s);
            if (deeper != null) {
                return deeper;
            }
        }
        return null;
    }

    /**
     * Tells whether a failure rides on {@code t}.
     *
     * @param t a cancellation, or null
     * @return true if something other than a cancellation is suppressed on it, at any depth
     */
    static boolean any(Throwable t) {
        return first(t) != null;
    }

    /**
     * Adds {@code failure} as suppressed on {@code onto}, unless it is {@code onto} itself.
     *
     * @param <E> the type thrown
     * @param failure what to carry
     * @param onto what will be thrown
     * @return {@code onto}
     */
    static <E extends Throwable> E carry(Throwable failure, E onto) {
        if (failure != onto) {
            onto.addSuppressed(failure);
        }
        return onto;
    }

    /**
     * Moves what is suppressed on {@code dropped}, a throwable nobody will see, onto {@code onto}.
     *
     * @param <E> the type thrown
     * @param dropped the throwable dropped, or null
     * @param onto what will be thrown instead
     * @return {@code onto}
     */
    static <E extends Throwable> E carryFrom(Throwable dropped, E onto) {
        if (dropped != null && dropped != onto) {
            for (Throwable s : dropped.getSuppressed()) {
                carry(s, onto);
            }
        }
        return onto;
    }
}
