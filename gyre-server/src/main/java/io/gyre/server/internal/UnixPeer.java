package io.gyre.server.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;

/**
 * The address a connection's peer is reported under. A TCP peer is its own address. A peer on a Unix
 * domain socket has no IP address: it is on this machine, so it is reported as {@code 127.0.0.1}
 * port 0. That keeps {@link io.gyre.server.Request#remoteAddress()} an {@link InetSocketAddress}, and
 * makes the default {@code forwardedAllowIps} (loopback) trust the proxy headers of a reverse proxy
 * that connects over the socket file, which is what such a deployment needs.
 */
final class UnixPeer {
    /** Where every Unix domain socket peer is said to be. */
    static final InetSocketAddress LOCAL = loopback();

    private UnixPeer() {
    }

    /**
     * Returns the peer as an Internet address.
     *
     * @param remote the channel's remote address
     * @return {@code remote} itself for TCP, {@link #LOCAL} for any other kind (a Unix domain socket)
     */
    static InetSocketAddress of(SocketAddress remote) {
        return remote instanceof InetSocketAddress inet ? inet : LOCAL;
    }

    private static InetSocketAddress loopback() {
        try {
            return new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("internal error: 127.0.0.1 is not an address (please report)", e);
        }
    }
}
