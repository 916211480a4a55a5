package io.gyre.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.gyre.server.TestServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A handler that lets the body read's IOException propagate after its client went away mid-body
 * must not be logged as a failed request "answering 500" (to nobody): the server sees that the
 * connection is gone and does not report the client's departure as a server error.
 */
class ClientGoneLoggingTest {
    @Test
    void aClientLeavingMidBodyIsNotLoggedAsAServerError() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch ended = new CountDownLatch(1);
        try (LogCapture log = LogCapture.start(); TestServer server = TestServer.start((rq, rs) -> {
            started.countDown();
            try (InputStream in = rq.body()) {
                in.readAllBytes();
                rs.send("got it");
            } finally {
                ended.countDown();
            }
        }, c -> c.logLevel("info"))) {
            try (Socket s = Wire.connect(server.port())) {
                OutputStream out = s.getOutputStream();
                out.write("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.write(new byte[30000]);
                out.flush();
                // leave once the handler runs (a task cancelled before it starts never runs it)
                assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(ended.await(10, TimeUnit.SECONDS)).isTrue();
            server.awaitIdle();
            assertThat(log.problems()).isEmpty();
        }
    }
}
