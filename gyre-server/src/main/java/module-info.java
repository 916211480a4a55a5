/**
 * Gyre's HTTP/1.1 server: listeners and connections on the runtime's loops, requests as tasks.
 */
module io.gyre.server {
    requires transitive io.gyre.runtime;
    requires java.logging;
    exports io.gyre.server;
}
