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

    private static void appendStack(StringBuilder sb, List<StackTraceElement> stack) {
        for (StackTraceElement e : stack) {
            sb.append("\n\tat ").append(e);
        }
    }

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

    /**
     * A loop callback has been running longer than the blocked threshold and is still running.
     *
     * @param loop the loop's name
     * @param description what the callback is
     * @param running how long it has been running so far
     * @param stack the loop thread's stack, innermost first
     */
    record BlockedLoop(String loop, String description, Duration running, List<StackTraceElement> stack)
            implements Report {
        /**
         * Copies the stack.
         */
        public BlockedLoop {
            stack = List.copyOf(stack);
        }

        @Override
        public String describe() {
            StringBuilder sb = new StringBuilder("loop '").append(loop).append("' is blocked: callback '")
                    .append(description).append("' has been running for ").append(running.toMillis())
                    .append(" ms. Loop callbacks must not block: move blocking or CPU-heavy work to a task"
                            + " (Scope.spawn) or to Offload.run. The loop thread's stack:");
            Report.appendStack(sb, stack);
            return sb.toString();
        }
    }

    /**
     * A callback reported as {@link BlockedLoop} has ended.
     *
     * @param loop the loop's name
     * @param description what the callback was
     * @param total how long it ran in all (measured to within a watchdog tick)
     */
    record BlockedLoopEnded(String loop, String description, Duration total) implements Report {
        @Override
        public String describe() {
            return "loop '" + loop + "' is running again: callback '" + description + "' blocked it for "
                    + total.toMillis() + " ms";
        }
    }

    /**
     * A virtual thread stayed pinned to its carrier thread while it blocked (seen through JFR's
     * {@code jdk.VirtualThreadPinned} event).
     *
     * @param thread the virtual thread's name (a task's thread is named after the task)
     * @param task the task's name, if the thread was a live task's
     * @param reason why it was pinned, as JFR says it (for example a native frame or a class
     *     initializer on the stack)
     * @param pinned how long it stayed pinned
     * @param stack the stack where it blocked, innermost first
     */
    record PinnedThread(String thread, java.util.Optional<String> task, String reason, Duration pinned,
            List<StackTraceElement> stack) implements Report {
        /**
         * Copies the stack.
         */
        public PinnedThread {
            stack = List.copyOf(stack);
        }

        @Override
        public String describe() {
            StringBuilder sb = new StringBuilder(task.map(t -> "task '" + t + "'")
                    .orElse("virtual thread '" + thread + "'")).append(" was pinned to its carrier thread for ")
                    .append(pinned.toMillis()).append(" ms (").append(reason).append("). A pinned virtual"
                            + " thread blocks a carrier: move this blocking call out of the native frame or class"
                            + " initializer, or run it with Offload.run. Its stack:");
            Report.appendStack(sb, stack);
            return sb.toString();
        }
    }

    /**
     * An offloaded job was still running on its pool thread when the runner stopped waiting.
     *
     * @param job what the job is
     * @param task the task that offloaded it
     * @param thread the pool thread's name
     * @param age how long ago the job started
     * @param stack the pool thread's stack, innermost first
     * @param situation what was waiting for it
     */
    record OffloadStraggler(String job, String task, String thread, Duration age, List<StackTraceElement> stack,
            String situation) implements Report {
        /**
         * Copies the stack.
         */
        public OffloadStraggler {
            stack = List.copyOf(stack);
        }

        @Override
        public String describe() {
            StringBuilder sb = new StringBuilder("offloaded job '").append(job).append("' of task '").append(task)
                    .append("' (started ").append(age.toMillis()).append(" ms ago) is still running on thread '")
                    .append(thread).append("' ").append(situation).append(". It ignores interruption: let"
                            + " InterruptedException propagate, or check Thread.interrupted() in long loops."
                            + " Its stack:");
            Report.appendStack(sb, stack);
            return sb.toString();
        }
    }

    /**
     * The process received a signal the runner handles.
     *
     * @param signal the signal's name, e.g. {@code "SIGTERM"}
     * @param action what the runner does about it
     */
    record SignalReceived(String signal, String action) implements Report {
        @Override
        public String describe() {
            return signal + " received: " + action;
        }
    }

    /**
     * A task dump was requested by a signal.
     *
     * @param dump the dump
     */
    record TaskDumpTaken(TaskDump dump) implements Report {
        @Override
        public String describe() {
            return dump.text();
        }
    }
}
