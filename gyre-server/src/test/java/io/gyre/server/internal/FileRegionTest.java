package io.gyre.server.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file region sent to a real non-blocking socket whose peer reads only when told. */
class FileRegionTest {
    private static final long SIZE = 64L << 20; // far more than the socket buffers on both sides hold

    @TempDir
    Path dir;

    @Test
    void aFullSocketPausesTheTransferAndAFileThatShrankBelowThePositionFailsIt() throws Exception {
        Path file = dir.resolve("shrinking.bin");
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(SIZE); // sparse: quick to make, reads as zeros
        }
        try (ServerSocketChannel listener = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
                SocketChannel sender = SocketChannel.open(listener.getLocalAddress());
                SocketChannel peer = listener.accept()) {
            sender.configureBlocking(false);
            FileRegion region = new FileRegion(file, FileChannel.open(file, StandardOpenOption.READ), SIZE);
            try {
                assertThat(region.transferTo(sender)).as("the socket fills up long before 64 MiB").isFalse();
                assertThat(region.transferTo(sender)).as("still full: paused, not failed").isFalse();
                try (FileChannel w = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    w.truncate(1024);
                }
                drain(peer);
                assertThatThrownBy(() -> region.transferTo(sender)).isInstanceOf(IOException.class)
                        .hasMessageContaining(file.toString()).hasMessageContaining("1024")
                        .hasMessageContaining(String.valueOf(SIZE));
            } finally {
                region.close();
            }
        }
    }

    @Test
    void aFileThatShrankBeforeTheFirstByteFailsOnceTheRestIsSent() throws Exception {
        Path file = dir.resolve("short.bin");
        Files.write(file, new byte[100]);
        try (ServerSocketChannel listener = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
                SocketChannel sender = SocketChannel.open(listener.getLocalAddress());
                SocketChannel peer = listener.accept()) {
            sender.configureBlocking(false);
            FileRegion region = new FileRegion(file, FileChannel.open(file, StandardOpenOption.READ), 200); // as sized before
            try {
                assertThatThrownBy(() -> region.transferTo(sender)).isInstanceOf(IOException.class)
                        .hasMessageContaining(file.toString()).hasMessageContaining("100").hasMessageContaining("200");
                ByteBuffer got = ByteBuffer.allocate(200);
                peer.read(got);
                assertThat(got.position()).as("what the file still had was sent").isEqualTo(100);
            } finally {
                region.close();
            }
        }
    }

    /** Reads what the peer's socket holds now, without blocking on more. */
    private static void drain(SocketChannel peer) throws IOException {
        peer.configureBlocking(false);
        ByteBuffer b = ByteBuffer.allocate(1 << 20);
        while (peer.read(b) > 0) {
            b.clear();
        }
    }
}
