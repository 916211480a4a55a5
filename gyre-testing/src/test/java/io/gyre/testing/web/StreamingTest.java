package io.gyre.testing.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.gyre.runtime.CancelledException;
import io.gyre.runtime.Gyre;
import io.gyre.testing.TestClient;
import io.gyre.web.Get;
import io.gyre.web.Routes;
import io.gyre.web.ServerSentEvent;
import io.gyre.web.WebApp;
import io.gyre.web.WebResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StreamingTest {
    static volatile CountDownLatch sourceStopped = new CountDownLatch(1);

    @Routes
    public static final class Events {
        @Get("/ticks")
        public WebResponse ticks() {
            return WebResponse.sse(Duration.ofSeconds(30), sink -> {
                int start = sink.lastEventId().map(Integer::parseInt).orElse(0);
                for (int i = start + 1; i <= start + 2; i++) {
                    sink.send(ServerSentEvent.of("tick " + i).withEvent("tick").withId(Integer.toString(i)));
                }
                sink.send(ServerSentEvent.of("line1\nline2").withRetry(Duration.ofSeconds(3)));
            });
        }

        @Get("/forever")
        public WebResponse forever() {
            return WebResponse.sse(Duration.ofMillis(20), sink -> {
                try {
                    sink.send(ServerSentEvent.of("first"));
                    new CountDownLatch(1).await(); // quiet: only keep-alive comments flow
                } catch (InterruptedException | CancelledException e) {
                    sourceStopped.countDown();
                    throw new CancelledException("client left");
                }
            });
        }

        @Get("/endless")
        public WebResponse endless() {
            return WebResponse.sse(Duration.ofSeconds(30), sink -> {
                try {
                    for (int i = 0; ; i++) {
                        sink.send(ServerSentEvent.of("n" + i));
                        Gyre.sleep(Duration.ofMillis(5));
                    }
                } finally {
                    sourceStopped.countDown();
                }
            });
        }
    }

    @Test
    void eventsCarryEventIdAndRetryFields() {
        try (TestClient client = TestClient.open(WebApp.builder("Sse", "1").routes(Events.class).build());
                var stream = client.get("/ticks").stream()) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.headers().first("Content-Type")).hasValue("text/event-stream; charset=utf-8");
            assertThat(stream.readEvent()).containsExactly("event: tick", "id: 1", "data: tick 1");
            assertThat(stream.readEvent()).containsExactly("event: tick", "id: 2", "data: tick 2");
            assertThat(stream.readEvent()).containsExactly("retry: 3000", "data: line1", "data: line2");
            assertThat(stream.readEvent()).isEmpty();
        }
    }

    @Test
    void lastEventIdResumesTheStream() {
        try (TestClient client = TestClient.open(WebApp.builder("Sse", "1").routes(Events.class).build());
                var stream = client.get("/ticks").header("Last-Event-ID", "5").stream()) {
            assertThat(stream.readEvent()).contains("id: 6");
        }
    }

    @Test
    void keepAliveCommentsFlowAndTheSourceStopsWhenTheClientLeaves() throws Exception {
        sourceStopped = new CountDownLatch(1);
        try (TestClient client = TestClient.open(WebApp.builder("Sse", "1").routes(Events.class).build())) {
            var stream = client.get("/forever").stream();
            assertThat(stream.readEvent()).containsExactly("data: first");
            assertThat(stream.readEvent()).containsExactly(": keep-alive");
            stream.close();
            assertThat(sourceStopped.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(stream.awaitHandlerDone(Duration.ofSeconds(10))).isTrue();
        }
    }

    @Test
    void aBusySourceStopsAtItsNextSendWhenTheClientLeaves() throws Exception {
        sourceStopped = new CountDownLatch(1);
        try (TestClient client = TestClient.open(WebApp.builder("Sse", "1").routes(Events.class).build())) {
            var stream = client.get("/endless").stream();
            List<String> first = stream.readEvent();
            assertThat(first).containsExactly("data: n0");
            stream.close();
            assertThat(sourceStopped.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(stream.awaitHandlerDone(Duration.ofSeconds(10))).isTrue();
        }
    }
}
