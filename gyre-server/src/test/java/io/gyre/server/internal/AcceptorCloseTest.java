package io.gyre.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.gyre.runtime.Loop;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class AcceptorCloseTest {
    @Test
    void thePortRefusesConnectionsOnceTheListenerClosedBeforeTheLoopSelectsAgain() throws Exception {
        Loop loop = Loop.create("acceptor-close-test");
        loop.start();
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            listener.configureBlocking(false);
            InetSocketAddress address = (InetSocketAddress) listener.getLocalAddress();
            Acceptor acceptor = new Acceptor(ExchangeEndTest.unstartedCore(), listener, loop, List.of());
            ServerCore.runOn(loop, acceptor::register);

            // a socket whose close waited for the selector to drop its key would still complete
            // handshakes here, into a backlog no one reads, and reset them when the loop ends
            AtomicReference<Object> connect = new AtomicReference<>();
            acceptor.close(() -> connect.set(tryConnect(address)));

            assertThat(connect.get()).as("connecting right after the listener closed, on the loop")
                    .isInstanceOf(ConnectException.class);
            assertThat(listener.isRegistered()).as("the listener's key was dropped").isFalse();
        } finally {
            loop.stop("test end");
            loop.awaitClosed(Duration.ofSeconds(10));
        }
    }

    /** "connected", or the exception the connect threw. */
    private static Object tryConnect(InetSocketAddress address) {
        try (Socket s = new Socket()) {
            s.connect(address, 2000);
            return "connected";
        } catch (IOException e) {
            return e;
        }
    }
}
