package io.gyre.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.gyre.runtime.Gyre;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BackpressureTest {
    static final long UPLOAD = 256L * 1024 * 1024;
    static final CountDownLatch writerBlocked = new CountDownLatch(1);
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start((rq, rs) -> {
            switch (rq.path()) {
                case "/slow-sink" -> {
                    long total = 0;
                    byte[] buf = new byte[64 * 1024];
                    try (InputStream in = rq.body()) {
                        int n;
                        int reads = 0;
                        while ((n = in.read(buf)) >= 0) {
                            total += n;
                            if (++reads % 512 == 0) {
                                Gyre.sleep(Duration.ofMillis(1)); // a slow consumer
                            }
                        }
                    }
                    rs.send(Long.toString(total));
                }
                case "/firehose" -> {
                    byte[] chunk = new byte[64 * 1024];
                    try (OutputStream out = rs.body()) {
                        for (int i = 0; i < 1024; i++) { // 64 MB to a client that does not read
                            out.write(chunk);
                            if (i == 64) {
                                writerBlocked.countDown();
                            }
                        }
                    }
                }
                default -> rs.status(404).send("");
            }
        }, c -> c.maxBodyBytes(1L << 30));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void largeUploadToASlowHandlerKeepsServerBuffersBounded() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            c.send("POST /slow-sink HTTP/1.1\r\nHost: x\r\nContent-Length: " + UPLOAD + "\r\n\r\n");
            byte[] block = new byte[1024 * 1024];
            OutputStream out = c.output();
            for (long sent = 0; sent < UPLOAD; sent += block.length) {
                out.write(block);
            }
            out.flush();
            RawClient.Reply r = c.read();
            assertThat(r.body()).isEqualTo(Long.toString(UPLOAD));
        }
        // the body buffer (64 KiB by default) is the most the server ever held for it
        assertThat(server.stats().peakBufferedRequestBytes()).isLessThanOrEqualTo(64 * 1024);
    }

    @Test
    void clientThatDoesNotReadBlocksTheWriterNotTheHeap() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            c.socket().setReceiveBufferSize(4096);
            c.send("GET /firehose HTTP/1.1\r\nHost: x\r\n\r\n");
            // the handler cannot get far: it blocks above the high watermark
            assertThat(writerBlocked.await(500, TimeUnit.MILLISECONDS)).isFalse();
            assertThat(server.stats().bufferedResponseBytes()).isLessThanOrEqualTo(64 * 1024 + 9 * 1024);
        }
        // the client went away: the writer is released (cancelled), nothing stays buffered
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (server.stats().activeRequests() > 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(server.stats().activeRequests()).isZero();
        assertThat(server.stats().bufferedResponseBytes()).isZero();
    }
}
