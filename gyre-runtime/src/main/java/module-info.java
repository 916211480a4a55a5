/**
 * Gyre's structured async runtime: loops, tasks, task groups, cancellation, timeouts and the
 * runner that shuts everything down in order.
 */
module io.gyre.runtime {
    requires jdk.jfr;
    requires jdk.unsupported;
    exports io.gyre.runtime;
}
