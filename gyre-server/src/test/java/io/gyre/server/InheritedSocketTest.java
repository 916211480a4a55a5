package io.gyre.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --fd 0} with a real socket activator: {@code systemd-socket-activate --inetd} binds a socket
 * file and starts the server with the listening socket as its standard input on the first connection.
 */
@Timeout(60)
class InheritedSocketTest {
    private static final Path ACTIVATOR = Path.of("/usr/bin/systemd-socket-activate");

    @TempDir
    Path dir;

    @Test
    void aListeningSocketOnStandardInputIsServedAndItsFileIsLeftToItsOwner() throws Exception {
        assumeTrue(Files.isExecutable(ACTIVATOR), "systemd-socket-activate is not installed");
        Path socket = dir.resolve("fd.sock");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(ACTIVATOR.toString(), "--inetd", "-l", socket.toString(), java,
                "-XX:+UseSerialGC", "-Xshare:auto", "-cp", System.getProperty("java.class.path"),
                InheritedSocketChild.class.getName())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD) // standard output becomes the socket too (inetd)
                .redirectError(dir.resolve("stderr.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!Files.exists(socket)) {
                assertThat(p.isAlive()).as("the activator runs; stderr: %s", stderr()).isTrue();
                assertThat(System.nanoTime()).as("the activator binds within 10 s").isLessThan(deadline);
                Thread.sleep(10); // polling: the activator announces nothing on stdout
            }
            try (UnixClient c = new UnixClient(socket)) { // this connection starts the server
                UnixClient.Reply r = c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read();
                assertThat(r.body()).as("stderr: %s", stderr()).isEqualTo("inherited 127.0.0.1");
                assertThat(c.send("GET /again HTTP/1.1\r\nHost: x\r\n\r\n").read().status()).isEqualTo(200);
            }
            p.destroy(); // SIGTERM to the server, which the activator exec'd: a graceful shutdown
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as("exit code; stderr: %s", stderr()).isZero();
            assertThat(socket).as("the socket file belongs to the activator").exists();
        } finally {
            p.destroyForcibly();
        }
    }

    private String stderr() throws Exception {
        Path log = dir.resolve("stderr.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }
}
