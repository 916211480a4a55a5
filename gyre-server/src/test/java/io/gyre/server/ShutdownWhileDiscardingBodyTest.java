package io.gyre.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * A shutdown that finds a connection discarding the rest of a request body its handler did not
 * read closes it as soon as nothing more is owed to the client, not after the keep-alive or body
 * timeout (both 60 s here).
 */
class ShutdownWhileDiscardingBodyTest {
    private static final int BODY = 200_000;
    private static final int BIG_RESPONSE = 8 * 1024 * 1024;

    private static TestServer start(Handler app) {
        return TestServer.start(app, c -> c.keepAliveTimeout(Duration.ofSeconds(60))
                .bodyReadTimeout(Duration.ofSeconds(60)).gracefulTimeout(Duration.ofSeconds(30)));
    }

    @Test
    void aConnectionDiscardingABodyClosesAtOnceWhenTheShutdownFindsItsResponseSent() throws Exception {
        try (TestServer server = start((rq, rs) -> rs.send("answered without reading\n"));
                RawClient c = new RawClient(server.port())) {
            c.send(head()).send(new byte[1000]);
            assertThat(c.read().body()).isEqualTo("answered without reading\n");
            awaitRequestsFinished(server); // the connection now discards the body's rest

            server.server().requestShutdown("test: shutdown while a body is discarded");
            c.send(new byte[1000]); // the client is still sending its body
            assertServerClosesPromptly(c);
        }
    }

    @Test
    void aConnectionDiscardingABodyClosesOnceItsLargeResponseIsOut() throws Exception {
        byte[] big = new byte[BIG_RESPONSE];
        Arrays.fill(big, (byte) 'x');
        try (TestServer server = start((rq, rs) -> rs.send(big)); RawClient c = new RawClient(server.port())) {
            c.send(head()).send(new byte[1000]);
            awaitRequestsFinished(server); // the response is still on its way; the rest of the body is discarded
            server.server().requestShutdown("test: shutdown while a body is discarded");
            Thread sender = Thread.ofVirtual().start(() -> {
                try {
                    c.send(new byte[BODY - 1000]); // while the client reads (the server sends before it reads on)
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            RawClient.Reply r = c.read();
            assertThat(r.body()).hasSize(BIG_RESPONSE);
            assertThat(sender.join(Duration.ofSeconds(10))).as("the body's rest was sent").isTrue();
            assertServerClosesPromptly(c);
        }
    }

    private static byte[] head() {
        return ("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: " + BODY + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    private static void awaitRequestsFinished(TestServer server) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while ((server.stats().requestsServed() != 1 || server.stats().activeRequests() != 0)
                && System.nanoTime() < deadline) {
            LockSupport.parkNanos(1_000_000); // the handler's end reaches the loop after its response
        }
        assertThat(server.stats().requestsServed()).as("requests started").isEqualTo(1);
        assertThat(server.stats().activeRequests()).as("requests in flight").isZero();
    }

    /** EOF (or a reset) within 5 s: far below the 60 s the connection would otherwise stay. */
    private static void assertServerClosesPromptly(RawClient c) throws IOException {
        c.socket().setSoTimeout(5000);
        InputStream in = c.socket().getInputStream();
        try {
            int b;
            while ((b = in.read()) >= 0) {
                fail("unexpected byte after the response: " + b);
            }
        } catch (SocketTimeoutException e) {
            fail("the connection stayed open 5 s after the shutdown began");
        } catch (IOException e) {
            // a reset: closed as well
        }
    }
}
