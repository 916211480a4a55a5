package io.gyre.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gyre.runtime.RunnerConfig;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The socket file of {@code --uds}: stale files, live ones, other files, bad paths, removal at shutdown. */
@Timeout(30)
class UnixSocketFileTest {
    @TempDir
    Path dir;

    private static RunnerConfig quiet() {
        return RunnerConfig.builder().name("uds").loops(1).handleSignals(false).build();
    }

    private static HttpServer.Builder server(Path socket) {
        return HttpServer.builder().handler((rq, rs) -> rs.send("ok")).configure(c -> c.uds(socket.toString()));
    }

    private static ServerSocketChannel listen(Path socket) throws Exception {
        ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        ch.bind(UnixDomainSocketAddress.of(socket));
        return ch;
    }

    private static String get(Path socket) throws Exception {
        try (UnixClient c = new UnixClient(socket)) {
            return c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read().body();
        }
    }

    @Test
    void aStaleSocketFileIsReplacedAndKeepsItsPermissions() throws Exception {
        Path socket = dir.resolve("s.sock");
        listen(socket).close(); // as a crashed process leaves it: the file, no listener
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw----"));
        try (LogRecords log = LogRecords.ofServer(); TestServer s = TestServer.start(server(socket))) {
            assertThat(s.server().isReady()).isTrue();
            assertThat(get(socket)).isEqualTo("ok");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).isEqualTo("rw-rw----");
            assertThat(log.all()).anySatisfy(r -> assertThat(r.getMessage())
                    .isEqualTo("removed the stale socket file " + socket + " (no process listened on it)"));
        }
        assertThat(socket).doesNotExist();
    }

    @Test
    void aLiveSocketIsRefusedAndLeftAlone() throws Exception {
        Path socket = dir.resolve("live.sock");
        try (ServerSocketChannel other = listen(socket)) {
            assertThatThrownBy(() -> server(socket).build().runInBackground(quiet()))
                    .isInstanceOf(ServerStartupException.class)
                    .hasMessageContaining("cannot listen on unix:" + socket)
                    .hasMessageContaining("another process serves " + socket)
                    .hasMessageContaining("--uds");
            assertThat(socket).exists();
            try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
                assertThat(other.accept()).isNotNull(); // still the other listener's file
                assertThat(probe.isConnected()).isTrue();
            }
        }
    }

    @Test
    void aRegularFileAtThePathIsRefusedAndKept() throws Exception {
        Path file = dir.resolve("notes.txt");
        Files.writeString(file, "keep me");
        assertThatThrownBy(() -> server(file).build().runInBackground(quiet()))
                .isInstanceOf(ServerStartupException.class)
                .hasMessageContaining(file + " exists and is a regular file, not a socket")
                .hasMessageContaining("--uds");
        assertThat(file).hasContent("keep me");
    }

    @Test
    void aMissingDirectoryIsNamed() {
        Path socket = dir.resolve("no-such-dir").resolve("s.sock");
        assertThatThrownBy(() -> server(socket).build().runInBackground(quiet()))
                .isInstanceOf(ServerStartupException.class)
                .hasMessageContaining("the directory " + socket.getParent() + " does not exist")
                .hasMessageContaining("--uds");
    }

    @Test
    void aPathLongerThanTheOsLimitIsRefused() {
        Path socket = dir.resolve("x".repeat(120) + ".sock");
        assertThatThrownBy(() -> server(socket).build().runInBackground(quiet()))
                .isInstanceOf(ServerStartupException.class)
                .hasMessageContaining("the OS takes at most 107 bytes for a socket path")
                .hasMessageContaining("--uds");
    }

    @Test
    void shutdownFinishesTheRequestInFlightThenRemovesTheFile() throws Exception {
        Path socket = dir.resolve("drain.sock");
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        TestServer s = TestServer.start(HttpServer.builder().handler((rq, rs) -> {
            started.countDown();
            release.await();
            rs.send("finished");
        }).configure(c -> c.uds(socket.toString())));
        try (UnixClient c = new UnixClient(socket)) {
            c.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            s.server().requestShutdown("test");
            awaitRefused(socket); // intake stopped: the drain is under way
            assertThat(socket).as("the socket file during the drain").exists();
            release.countDown();
            UnixClient.Reply r = c.read();
            assertThat(r.body()).isEqualTo("finished");
            assertThat(r.header("Connection")).isEqualTo("close");
        }
        assertThat(s.stop()).isZero();
        s.close();
        assertThat(socket).doesNotExist();
    }

    @Test
    void theFileIsLeftToAProcessThatTookThePathOver() throws Exception {
        Path socket = dir.resolve("taken.sock");
        TestServer s = TestServer.start(server(socket));
        Files.delete(socket);
        try (ServerSocketChannel successor = listen(socket)) {
            assertThat(s.stop()).isZero();
            s.close();
            assertThat(socket).exists();
            try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
                assertThat(successor.accept()).isNotNull();
                assertThat(probe.isConnected()).isTrue();
            }
        }
    }

    /** Polls (bounded) until connecting to the socket is refused: the server publishes no event for it. */
    private static void awaitRefused(Path socket) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
                assertThat(probe.isConnected()).isTrue();
                Thread.sleep(2);
            } catch (java.io.IOException refused) {
                return;
            }
        }
        throw new AssertionError("the server still accepted on " + socket + " 10 s after shutdown was requested");
    }
}
