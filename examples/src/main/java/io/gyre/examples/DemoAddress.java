package io.gyre.examples;

import io.gyre.server.ServerConfig;

/**
 * Where the demos listen: 127.0.0.1:8000 by default; {@code GYRE_*} environment variables apply,
 * then a port given as the first argument or as {@code --port N}.
 */
final class DemoAddress {
    private DemoAddress() {
    }

    static ServerConfig.Builder apply(ServerConfig.Builder c, String... args) {
        c.host("127.0.0.1").port(8000).applyEnvironment(System.getenv());
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--port") && i + 1 < args.length) {
                c.port(Integer.parseInt(args[++i]));
            } else if (args[i].matches("\\d+")) {
                c.port(Integer.parseInt(args[i]));
            }
        }
        return c;
    }
}
