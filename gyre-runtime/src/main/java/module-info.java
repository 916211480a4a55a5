/**
 * Gyre's structured async runtime: loops, tasks, task groups, cancellation, timeouts and the
 * runner that shuts everything down in order.
 */
@SuppressWarnings("module") // the server is not on the module path while the runtime compiles
module io.gyre.runtime {
    requires jdk.jfr;
    requires jdk.unsupported;
    exports io.gyre.runtime;
    exports io.gyre.runtime.internal.log to io.gyre.server;
}
