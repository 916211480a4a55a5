package io.gyre.server.internal;

import java.io.IOException;
import java.nio.channels.Channel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * The listening socket a process manager passed on standard input ({@code --fd 0}): systemd with
 * {@code StandardInput=socket} and a socket unit with {@code Accept=no}, or inetd with a {@code wait}
 * service. The JDK adopts only this one descriptor ({@link System#inheritedChannel()}), which is
 * why {@code --fd} takes no other number.
 */
final class InheritedListener {
    private static final String ADVICE = " --fd 0 serves a listening socket inherited on standard input: start the"
            + " server from systemd with a .socket unit (Accept=no) and StandardInput=socket in its .service, or"
            + " from inetd as a 'wait' service; otherwise listen with --uds PATH or --host and --port.";

    private InheritedListener() {
    }

    /**
     * Returns the inherited listener, non-blocking. The process manager owns it: the server closes
     * its own descriptor at shutdown, and never removes a socket file behind it.
     *
     * @throws ListenException if standard input is not a listening socket, saying what it is instead
     */
    static ServerSocketChannel open() throws IOException {
        Channel inherited = System.inheritedChannel();
        if (inherited instanceof ServerSocketChannel listener) {
            listener.configureBlocking(false);
            return listener;
        }
        String what = inherited == null ? "not a socket (a terminal, pipe or file)"
                : inherited instanceof SocketChannel ? "a connected socket, not a listening one (systemd's Accept=yes"
                        + " and inetd's 'nowait' pass one connection per process)"
                : "a " + inherited.getClass().getSimpleName() + ", not a listening stream socket";
        throw new ListenException("standard input is " + what + "." + ADVICE);
    }
}
