/**
 * Gyre's test kits: an in-process test client for gyre-web apps and a real-socket variant.
 */
module io.gyre.testing {
    requires transitive io.gyre.web;
    requires transitive java.net.http;
    exports io.gyre.testing;
}
