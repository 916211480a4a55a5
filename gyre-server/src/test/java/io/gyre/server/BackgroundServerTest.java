package io.gyre.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.gyre.runtime.RunnerConfig;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BackgroundServerTest {
    private static final byte[] GET = "GET / HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII);

    private static HttpServer.Builder hello() {
        return HttpServer.builder().handler((rq, rs) -> rs.send("hello\n")).host("127.0.0.1").port(0);
    }

    private static RunnerConfig quiet(String name) {
        return RunnerConfig.builder().name(name).loops(1).handleSignals(false).build();
    }

    @Test
    void itServesOnceReturnedAndCloseShutsItDownAndEndsItsRunner() throws Exception {
        BackgroundServer running = hello().build().runInBackground(quiet("bg-serve"));
        int port;
        try {
            port = running.port();
            assertThat(exchange(port)).startsWith("HTTP/1.1 200").endsWith("hello\n");
            assertThat(running.dump().tasks()).as("the runner's live tasks while serving").isNotEmpty();
        } finally {
            running.close();
        }
        assertThat(running.stop()).as("stop() after close() repeats the exit code").isEqualTo(HttpServer.EXIT_OK);
        assertThat(running.dump().tasks()).as("live tasks once the runner ended").isEmpty();
        assertThat(threadNamed("bg-serve-background")).as("the runner's thread").isFalse();
        assertThat(catchThrowable(() -> exchange(port))).isInstanceOf(ConnectException.class);
        assertThat(running).hasToString("BackgroundServer[" + running.server() + ", runner 'bg-serve', ended]");
    }

    @Test
    void stopLetsARequestInFlightFinishAndReturnsTheExitCode() throws Exception {
        CountDownLatch inHandler = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        BackgroundServer running = HttpServer.builder().handler((rq, rs) -> {
            inHandler.countDown();
            release.await();
            rs.send("finished\n");
        }).host("127.0.0.1").port(0).build().runInBackground(quiet("bg-drain"));
        try {
            CompletableFuture<String> reply = onThread("bg-client", () -> exchangeUnchecked(running.port()));
            assertThat(inHandler.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(running.awaitExit(Duration.ZERO)).as("exit while serving").isEmpty();
            CompletableFuture<Integer> code = onThread("bg-stopper", running::stop);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (running.server().isReady() && System.nanoTime() - deadline < 0) {
                Thread.sleep(1); // polling: the drain's start publishes no event
            }
            assertThat(running.server().isReady()).as("ready once stop() began the drain").isFalse();
            assertThat(running.awaitExit(Duration.ofMillis(50))).as("exit while the request still runs").isEmpty();
            release.countDown();
            assertThat(code.get(30, TimeUnit.SECONDS)).isEqualTo(HttpServer.EXIT_OK);
            assertThat(reply.get(10, TimeUnit.SECONDS)).startsWith("HTTP/1.1 200").endsWith("finished\n");
        } finally {
            release.countDown();
            running.close();
        }
    }

    @Test
    void aStartFailureIsThrownToTheCallerAfterTheRunnerEnded() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            HttpServer server = hello().port(taken.getLocalPort()).build();
            assertThatThrownBy(() -> server.runInBackground(quiet("bg-taken")))
                    .isInstanceOf(ServerStartupException.class)
                    .hasMessageContaining(String.valueOf(taken.getLocalPort()))
                    .cause().isInstanceOf(ServerStartupException.class);
            assertThat(threadNamed("bg-taken-background")).as("the runner's thread").isFalse();
        }
    }

    @Test
    void aFailingStartupHookIsThrownAsTheStartFailure() {
        HttpServer server = hello().onStartup(state -> {
            throw new IllegalStateException("no database");
        }).build();
        assertThatThrownBy(() -> server.runInBackground(quiet("bg-hook")))
                .isInstanceOf(ServerStartupException.class)
                .rootCause().hasMessage("no database");
    }

    @Test
    void aServerRunsInTheBackgroundOnlyOnce() {
        HttpServer server = hello().build();
        try (BackgroundServer running = server.runInBackground(quiet("bg-once"))) {
            assertThatThrownBy(() -> server.runInBackground(quiet("bg-twice")))
                    .isInstanceOf(IllegalStateException.class);
            assertThat(running.port()).isPositive();
        }
        assertThat(threadNamed("bg-twice-background")).as("the second runner's thread").isFalse();
    }

    @Test
    void stopFromARequestOfTheSameServerIsRefusedWithTheWayOut() throws Exception {
        CompletableFuture<BackgroundServer> self = new CompletableFuture<>();
        CompletableFuture<Throwable> refused = new CompletableFuture<>();
        CompletableFuture<Throwable> closeRefused = new CompletableFuture<>();
        BackgroundServer running = HttpServer.builder().handler((rq, rs) -> {
            BackgroundServer me = self.get();
            refused.complete(catchThrowable(me::stop));
            closeRefused.complete(catchThrowable(me::close));
            me.requestShutdown("asked by a request");
            rs.send("bye\n");
        }).host("127.0.0.1").port(0).build().runInBackground(quiet("bg-self"));
        try {
            self.complete(running);
            assertThat(exchange(running.port())).endsWith("bye\n");
            assertThat(refused.get(10, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("stop() was called from a task of the server's own runner")
                    .hasMessageContaining("requestShutdown(reason)");
            assertThat(closeRefused.get(10, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("close() was called from a task of the server's own runner");
            assertThat(running.awaitExit(Duration.ofSeconds(30))).as("exit after the request's requestShutdown")
                    .hasValue(HttpServer.EXIT_OK);
        } finally {
            running.close();
        }
    }

    @Test
    void interruptingTheStartingThreadShutsTheRunnerDown() throws Exception {
        CountDownLatch inHook = new CountDownLatch(1);
        HttpServer server = hello().onStartup(state -> {
            inHook.countDown();
            new CountDownLatch(1).await(); // a startup that never ends by itself
        }).build();
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        CompletableFuture<Boolean> interruptKept = new CompletableFuture<>();
        Thread starter = Thread.ofPlatform().name("bg-starter").start(() -> {
            failure.complete(catchThrowable(() -> server.runInBackground(quiet("bg-interrupted"))));
            interruptKept.complete(Thread.currentThread().isInterrupted());
        });
        assertThat(inHook.await(10, TimeUnit.SECONDS)).isTrue();
        starter.interrupt();
        assertThat(failure.get(30, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("interrupted while starting")
                .hasMessageContaining("runner 'bg-interrupted' was shut down");
        assertThat(interruptKept.get(10, TimeUnit.SECONDS)).as("the starter's interrupt status").isTrue();
        starter.join();
        assertThat(threadNamed("bg-interrupted-background")).as("the runner's thread").isFalse();
    }

    @Test
    void aThreadAlreadyInterruptedStartsNoServerAndLeavesNoRunner() throws Exception {
        HttpServer server = hello().build();
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        Thread starter = Thread.ofPlatform().name("bg-interrupted-starter").unstarted(() -> {
            Thread.currentThread().interrupt();
            failure.complete(catchThrowable(() -> server.runInBackground(quiet("bg-pre-interrupted"))));
        });
        starter.start();
        assertThat(failure.get(30, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("interrupted while starting");
        starter.join();
        assertThat(threadNamed("bg-pre-interrupted-background")).as("the runner's thread").isFalse();
        assertThat(server.isReady()).as("the server never started serving").isFalse();
    }

    private static String exchange(int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
            s.setSoTimeout(10_000);
            s.getOutputStream().write(GET);
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static String exchangeUnchecked(int port) {
        try {
            return exchange(port);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code body} on a thread of its own (the common pool may have one thread, which a blocked call holds). */
    private static <T> CompletableFuture<T> onThread(String name, java.util.function.Supplier<T> body) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread.ofPlatform().name(name).start(() -> {
            try {
                result.complete(body.get());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result;
    }

    private static boolean threadNamed(String name) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(name) && t.isAlive());
    }
}
