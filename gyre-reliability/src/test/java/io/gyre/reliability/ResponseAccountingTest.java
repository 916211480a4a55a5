package io.gyre.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.gyre.server.TestServer;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The buffered-response-bytes statistic after a client resets mid-response: a handler's submit()
 * counts its bytes and the loop's close takes the connection's outstanding count off; the bytes
 * of a submit still posted to the loop at that moment must not be taken off a second time.
 */
class ResponseAccountingTest {
    @Test
    void bufferedResponseBytesReturnToZeroAfterAClientResetsMidResponse() throws Exception {
        try (LogCapture _ = LogCapture.start(); TestServer server = TestServer.start((rq, rs) -> {
            OutputStream out = rs.body();
            byte[] chunk = new byte[16384];
            while (true) {
                out.write(chunk);
                out.flush();
            }
        }, c -> c.logLevel("warning"))) {
            for (int i = 0; i < 20; i++) {
                try (Socket s = Wire.connect(server.port())) {
                    s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    s.getInputStream().readNBytes(50_000);
                    s.setSoLinger(true, 0);
                }
            }
            server.awaitIdle();
            Thread.sleep(Duration.ofMillis(200)); // let posted callbacks run; there is no event for them
            assertThat(server.stats().bufferedResponseBytes()).isZero();
        }
    }
}
