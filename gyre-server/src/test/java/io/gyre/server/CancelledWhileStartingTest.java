package io.gyre.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.gyre.runtime.CancelledException;
import io.gyre.runtime.Gyre;
import io.gyre.runtime.RunnerConfig;
import io.gyre.runtime.Task;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The task starting a server is cancelled while it starts (here by its own startup hook, the
 * deterministic stand-in for a signal arriving then). The cancellation is not lost: start() on
 * its own shuts the server down and throws it; serve() shuts down and returns, as for a
 * cancellation while serving.
 */
class CancelledWhileStartingTest {
    private static final RunnerConfig QUIET = RunnerConfig.builder().loops(1).handleSignals(false).build();

    private static HttpServer cancelledByItsStartupHook() {
        return HttpServer.builder().handler((rq, rs) -> rs.send("hello\n")).host("127.0.0.1").port(0)
                .onStartup(app -> Task.current().orElseThrow().cancel("stopped while starting")).build();
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
            return true;
        } catch (ConnectException e) {
            return false;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void startOnItsOwnThrowsTheCancellationAndLeavesNothingListening() {
        HttpServer server = cancelledByItsStartupHook();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicInteger afterStart = new AtomicInteger();
        Gyre.run(QUIET, () -> {
            try {
                server.start();
                afterStart.incrementAndGet(); // would go on serving with its cancellation lost
            } catch (CancelledException e) {
                thrown.set(e);
            }
        });
        assertThat(thrown.get()).isInstanceOf(CancelledException.class).hasMessageContaining("stopped while starting");
        assertThat(afterStart).hasValue(0);
        assertThat(accepts(server.port())).as("the port after start() was cancelled").isFalse();
    }

    @Test
    void serveShutsDownForACancellationDuringItsStartAndReturnsTheExitCode() {
        HttpServer server = cancelledByItsStartupHook();
        int code = Gyre.run(QUIET, server::serve);
        assertThat(code).isEqualTo(HttpServer.EXIT_OK);
        assertThat(accepts(server.port())).isFalse();
    }
}
