package io.gyre.runtime.internal;

/** Describes the code calling into Gyre, for error messages: the current task or thread. */
final class Caller {
    private Caller() {
    }

    static String describe() {
        TaskImpl<?> t = TaskImpl.current();
        if (t != null) {
            return "task '" + t.name() + "' (spawned at " + t.creationSite() + ")";
        }
        return "thread '" + Thread.currentThread().getName() + "'";
    }
}
