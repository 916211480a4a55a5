package io.gyre.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A snapshot of every live task of a runner, asyncio's {@code all_tasks()} with the stacks:
 * taken by {@link Runner#dump()} or, when the runner handles signals, on {@code SIGUSR1}.
 *
 * {@snippet :
 * System.err.println(runner.dump().text());   // or .json() for a tool
 * }
 *
 * @param runner the runner's name
 * @param takenAt when the snapshot was taken
 * @param tasks the live tasks, oldest first
 */
public record TaskDump(String runner, Instant takenAt, List<Entry> tasks) {

    /**
     * Copies the task list.
     */
    public TaskDump {
        tasks = List.copyOf(tasks);
    }

    /**
     * One live task.
     *
     * @param name the task's name
     * @param state its state when the snapshot was taken
     * @param scope the name of the scope that owns it
     * @param age how long ago it was spawned
     * @param creationSite where it was spawned
     * @param stack its current stack, innermost first
     */
    public record Entry(String name, TaskState state, String scope, Duration age, String creationSite,
            List<StackTraceElement> stack) {
        /**
         * Copies the stack.
         */
        public Entry {
            stack = List.copyOf(stack);
        }
    }

    /**
     * Returns the dump as text for a log or a terminal.
     *
     * @return the text, one paragraph per task
     */
    public String text() {
        StringBuilder sb = new StringBuilder("task dump of runner '").append(runner).append("' at ")
                .append(takenAt).append(": ").append(tasks.size())
                .append(tasks.size() == 1 ? " live task" : " live tasks");
        for (Entry e : tasks) {
            sb.append("\n\ntask '").append(e.name()).append("' ").append(e.state()).append(" in scope '")
                    .append(e.scope()).append("', ").append(e.age().toMillis()).append(" ms old, spawned at ")
                    .append(e.creationSite());
            for (StackTraceElement f : e.stack()) {
                sb.append("\n\tat ").append(f);
            }
            if (e.state() == TaskState.RUNNING && e.stack().isEmpty()) {
                // spawned but its thread not started yet (a loop starts its tasks at the end of its turn)
                sb.append("\n\t(no frames: its thread has not started yet)");
            }
        }
        return sb.toString();
    }

    /**
     * Returns the dump as a JSON object: {@code {"runner", "takenAt", "tasks": [{"name", "state",
     * "scope", "ageMillis", "creationSite", "stack": ["frame", ...]}]}}.
     *
     * @return the JSON text
     */
    public String json() {
        StringBuilder sb = new StringBuilder("{\"runner\":");
        quote(sb, runner).append(",\"takenAt\":");
        quote(sb, takenAt.toString()).append(",\"tasks\":[");
        for (int i = 0; i < tasks.size(); i++) {
            Entry e = tasks.get(i);
            sb.append(i == 0 ? "" : ",").append("{\"name\":");
            quote(sb, e.name()).append(",\"state\":");
            quote(sb, e.state().name()).append(",\"scope\":");
            quote(sb, e.scope()).append(",\"ageMillis\":").append(e.age().toMillis()).append(",\"creationSite\":");
            quote(sb, e.creationSite()).append(",\"stack\":[");
            for (int j = 0; j < e.stack().size(); j++) {
                quote(sb.append(j == 0 ? "" : ","), e.stack().get(j).toString());
            }
            sb.append("]}");
        }
        return sb.append("]}").toString();
    }

    private static StringBuilder quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"');
    }
}
