package io.gyre.runtime;

import java.time.Duration;
import java.util.List;

/**
 * Something the runtime tells the operator about: a failure nobody else could receive, a task
 * that did not end when asked, a failing loop callback. Reports go to the runner's reporter
 * ({@link RunnerConfig.Builder#reporter}); the default one logs them.
 */
public sealed interface Report {

    /**
     * Returns the report as text for a log: what happened, where, and what to do.
     *
     * @return the text
     */
    String describe();

    /**
     * A supervised task failed, or a task failed while the runner was shutting down.
     *
     * @param task the task's name
     * @param scope its scope's name
     * @param creationSite where it was spawned
     * @param failure what it threw
     * @param during what the runtime was doing ("running", "shutdown")
     */
    record TaskFailed(String task, String scope, String creationSite, Throwable failure, String during)
            implements Report {
        @Override
        public String describe() {
            return "task '" + task + "' in scope '" + scope + "' (spawned at " + creationSite + ") failed during "
                    + during + ": " + failure;
        }
    }

    /**
     * A task that was cancelled did not end within its grace period.
     *
     * @param task the task's name
     * @param scope its scope's name
     * @param state its state when reported
     * @param creationSite where it was spawned
     * @param age how long ago it was spawned
     * @param stack its current stack, innermost first
     * @param situation what was waiting for it
     */
    record Straggler(String task, String scope, TaskState state, String creationSite, Duration age,
            List<StackTraceElement> stack, String situation) implements Report {
        /**
         * Copies the stack.
         */
        public Straggler {
            stack = List.copyOf(stack);
        }

        @Override
        public String describe() {
            StringBuilder sb = new StringBuilder("task '").append(task).append("' in scope '").append(scope)
                    .append("' (spawned at ").append(creationSite).append(", ").append(age.toMillis())
                    .append(" ms ago) is still ").append(state).append(' ').append(situation)
                    .append(". It ignores cancellation: let CancelledException (or InterruptedException)"
                            + " propagate instead of catching it, and call Cancellation.checkpoint() in long"
                            + " CPU-bound loops. Its stack:");
            for (StackTraceElement e : stack) {
                sb.append("\n\tat ").append(e);
            }
            return sb.toString();
        }
    }

    /**
     * A loop callback threw; the loop kept running.
     *
     * @param loop the loop's name
     * @param description what the callback was
     * @param failure what it threw
     */
    record CallbackFailed(String loop, String description, Throwable failure) implements Report {
        @Override
        public String describe() {
            return "callback '" + description + "' on loop '" + loop + "' threw " + failure
                    + "; the loop keeps running";
        }
    }
}
