package io.gyre.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files sent with Response.sendFile, whole and shrinking while they are sent. */
class SendFileTest {
    private static final long SIZE = 64L << 20; // more than the socket buffers hold while the client waits

    @TempDir
    Path dir;

    @Test
    void aFileIsSentWholeWithItsLength() throws Exception {
        Path file = dir.resolve("hello.txt");
        Files.writeString(file, "hello from a file\n");
        try (TestServer server = TestServer.start((rq, rs) -> rs.sendFile(file));
                RawClient c = new RawClient(server.port())) {
            RawClient.Reply r = c.send("GET /f HTTP/1.1\r\nHost: x\r\n\r\n").read();
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("Content-Length")).isEqualTo("18");
            assertThat(r.body()).isEqualTo("hello from a file\n");
        }
    }

    @Test
    void aFileThatShrinksWhileItIsSentEndsTheConnectionEarlyAndLeavesNothingBehind() throws Exception {
        Path file = dir.resolve("shrinking.bin");
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(SIZE); // sparse: quick to make, reads as zeros
        }
        CountDownLatch truncated = new CountDownLatch(1);
        Handler app = (rq, rs) -> {
            rs.sendFile(file);
            try (FileChannel w = FileChannel.open(file, StandardOpenOption.WRITE)) {
                w.truncate(1024); // the client has not read yet: most of the file is still to be sent
            }
            truncated.countDown();
        };
        // a keep-alive timeout longer than the test: only the failed transfer may end the connection
        try (TestServer server = TestServer.start(app, c -> c.keepAliveTimeout(Duration.ofSeconds(60)))) {
            TestServer.Baseline base = server.awaitIdle();
            try (RawClient c = new RawClient(server.port())) {
                c.send("GET /f HTTP/1.1\r\nHost: x\r\n\r\n");
                assertThat(truncated.await(10, TimeUnit.SECONDS)).isTrue();
                InputStream in = c.socket().getInputStream();
                String head = WsRawClient.readHead(in);
                assertThat(head).startsWith("HTTP/1.1 200 ").contains("Content-Length: " + SIZE);
                long body = in.transferTo(OutputStream.nullOutputStream()); // until the server closes
                assertThat(body).as("body bytes before the server gave up").isLessThan(SIZE);
            }
            server.awaitBaseline(base, "a file that shrank while it was sent");
        }
    }
}
