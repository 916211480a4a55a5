package io.gyre.testing.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.gyre.testing.LiveServer;
import io.gyre.web.WebApp;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What only a real socket shows: the server's own limits, and streams read as they are written. */
class LiveServerLimitsTest {
    @Test
    void aBodyOverTheServersLimitIsRefusedWith413BeforeTheApp() {
        WebApp app = WebApp.builder("Echo", "1").routes(TestClientRequestsTest.Echo.class).build();
        try (LiveServer server = LiveServer.builder(app).configure(c -> c.maxBodyBytes(16)).start()) {
            server.post("/raw").body("small".getBytes(StandardCharsets.UTF_8), "text/plain").send()
                    .assertStatus(200).assertText("text/plain:small");
            server.post("/raw").body(new byte[64], "text/plain").send().assertStatus(413);
        }
    }

    @Test
    void aStreamIsReadOverTheSocketAsTheHandlerWritesIt() {
        WebApp app = WebApp.builder("Sse", "1").routes(StreamingTest.Events.class).build();
        try (LiveServer server = LiveServer.start(app); var stream = server.get("/ticks").stream()) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.headers().first("Content-Type")).hasValue("text/event-stream; charset=utf-8");
            assertThat(stream.readEvent()).containsExactly("event: tick", "id: 1", "data: tick 1");
            assertThat(stream.readEvent()).containsExactly("event: tick", "id: 2", "data: tick 2");
            assertThat(stream.readEvent()).containsExactly("retry: 3000", "data: line1", "data: line2");
            assertThat(stream.readEvent()).isEmpty();
        }
    }

    @Test
    void closingAStreamDisconnectsAndTheHandlerStops() throws Exception {
        StreamingTest.sourceStopped = new CountDownLatch(1);
        WebApp app = WebApp.builder("Sse", "1").routes(StreamingTest.Events.class).build();
        try (LiveServer server = LiveServer.start(app)) {
            var stream = server.get("/endless").stream();
            assertThat(stream.readEvent()).containsExactly("data: n0");
            stream.close();
            assertThat(StreamingTest.sourceStopped.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(stream.awaitHandlerDone(Duration.ofSeconds(10))).isTrue();
            server.get("/ticks").send().assertStatus(200);
        }
    }
}
