/**
 * Gyre's command line: {@code gyre serve com.example.App}, the {@code uvicorn module:app} counterpart.
 */
module io.gyre.cli {
    requires transitive io.gyre.server;
    requires transitive info.picocli;
    requires io.gyre.web;
    requires java.management;
    exports io.gyre.cli;
}
