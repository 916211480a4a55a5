package io.gyre.server;

/**
 * The child JVM of {@link InheritedSocketTest}: serves the listening socket it inherits on standard
 * input ({@code --fd 0}) and exits with the server's exit code. Its standard output is the socket
 * as well (the inetd protocol), so it prints nothing.
 */
public final class InheritedSocketChild {
    private InheritedSocketChild() {
    }

    /**
     * Runs the child.
     *
     * @param args none
     */
    public static void main(String[] args) {
        int code = HttpServer.builder()
                .handler((rq, rs) -> rs.send("inherited " + rq.remoteAddress().getAddress().getHostAddress()))
                .configure(c -> c.fd(0).logLevel("warning"))
                .build().run();
        System.exit(code);
    }
}
