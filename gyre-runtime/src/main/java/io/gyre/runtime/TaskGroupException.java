package io.gyre.runtime;

import java.util.List;

/**
 * Thrown by {@link TaskGroup#run} when the body or any child failed. The first failure is the
 * cause; {@link #failures()} lists all of them in the order they happened, none dropped.
 */
public final class TaskGroupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<Throwable> failures;

    /**
     * Creates the exception.
     *
     * @param group the group's name
     * @param failures every failure, in order; at least one
     */
    public TaskGroupException(String group, List<Throwable> failures) {
        super(message(group, failures), failures.getFirst());
        this.failures = List.copyOf(failures);
        for (int i = 1; i < this.failures.size(); i++) {
            addSuppressed(this.failures.get(i));
        }
    }

    private static String message(String group, List<Throwable> failures) {
        StringBuilder sb = new StringBuilder("task group '").append(group).append("' failed with ")
                .append(failures.size()).append(failures.size() == 1 ? " failure" : " failures");
        for (Throwable t : failures) {
            sb.append("\n  - ").append(t);
        }
        return sb.toString();
    }

    /**
     * Returns every failure, first one first.
     *
     * @return the failures, never empty
     */
    public List<Throwable> failures() {
        return failures;
    }
}
