package io.gyre.server.internal;

import io.gyre.server.ServerConfig;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;

/** How the server's listener is named in its log lines and startup errors. */
final class Listening {
    private static final ServerConfig DEFAULTS = ServerConfig.defaults();

    private Listening() {
    }

    /**
     * Names the listener the configuration asks for, before it is bound.
     *
     * @param hostPort the TCP host and port as a URL writes them
     */
    static String target(ServerConfig config, String hostPort) {
        if (config.fd() == 0) {
            return "the socket inherited on standard input (--fd 0)";
        }
        return config.uds().isEmpty() ? hostPort : "unix:" + config.uds();
    }

    /**
     * Names a bound listener: {@code http://127.0.0.1:8000} or {@code unix:/run/app.sock}, and its origin.
     *
     * @param hostPort the configured host and the bound port, as a URL writes them: how a bound TCP
     *     listener is named, with the host as the operator wrote it
     */
    static String describe(ServerConfig config, SocketAddress local, String hostPort) {
        String where = switch (local) {
            case InetSocketAddress inet -> "http://" + (config.fd() == 0 ? hostPort(inet) : hostPort);
            case UnixDomainSocketAddress unix -> "unix:" + unix.getPath();
            default -> String.valueOf(local);
        };
        return config.fd() == 0 ? where + ", inherited on standard input (--fd 0)" : where;
    }

    private static String hostPort(InetSocketAddress a) {
        String host = a.getAddress() == null ? a.getHostString() : a.getAddress().getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    /** Says that host and port are ignored when a socket file or inherited socket is served instead. */
    static void warnIgnoredHostAndPort(ServerConfig config) {
        boolean other = !config.uds().isEmpty() || config.fd() == 0;
        if (other && (!config.host().equals(DEFAULTS.host()) || config.port() != DEFAULTS.port())) {
            String instead = config.fd() == 0 ? "the inherited socket (--fd 0)" : "the socket file " + config.uds()
                    + " (--uds)";
            ServerCore.LOG.log(Level.WARNING, "host " + config.host() + " and port " + config.port() + " are ignored:"
                    + " the server listens on " + instead + " instead. Drop --host/--port (GYRE_HOST, GYRE_PORT)"
                    + " to silence this.");
        }
    }
}
