package io.gyre.testing.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gyre.runtime.RunnerConfig;
import io.gyre.server.BackgroundServer;
import io.gyre.server.HttpServer;
import io.gyre.testing.LiveServer;
import io.gyre.web.Get;
import io.gyre.web.Query;
import io.gyre.web.Routes;
import io.gyre.web.ServerSentEvent;
import io.gyre.web.WebApp;
import io.gyre.web.WebResponse;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Chromium's {@code EventSource} (Debian's chromium, driven by playwright-core through
 * {@code gyre-web/src/test/browser/sse.mjs}) against a live server: what the browser delivers
 * for odd data, ids, names and retry; reconnection with {@code Last-Event-ID}; a page that
 * closes its stream or its tab; a failing source; keep-alive comments; and a graceful shutdown
 * with a stream open. Skipped when node, chromium or playwright-core are missing.
 */
class BrowserSseTest {

    static final Map<String, Integer> CLEANUPS = new ConcurrentHashMap<>();
    static final List<String> RESUMED_FROM = new CopyOnWriteArrayList<>();
    static final AtomicInteger FAILS_SERVED = new AtomicInteger();

    @Routes
    public static final class Streams {
        @Get("/sse/page")
        public WebResponse page() {
            return WebResponse.html("<!doctype html><title>sse</title><p>event streams</p>");
        }

        @Get("/sse/format")
        public WebResponse format() {
            return WebResponse.sse(sink -> {
                for (String data : List.of("two\nlines", "crlf\r\nline", "lone\rcr", "", "trailing\n", "end cr\r",
                        "h\u00e9llo \u2713 \ud834\udd1e", " leading space", "nul\u0000data")) {
                    sink.send(ServerSentEvent.of(data));
                }
                sink.send(ServerSentEvent.of("seven").withId("7"));
                sink.send(idOrRefusal("a\u0000b"));
                sink.send(ServerSentEvent.of("tick data").withEvent("tick"));
                sink.send(ServerSentEvent.of("unnamed").withEvent(""));
                sink.send(ServerSentEvent.of("spaced name").withEvent(" spaced"));
                sink.send(ServerSentEvent.of("retry").withRetry(Duration.ofMillis(1500)));
                sink.send(ServerSentEvent.of("bye").withEvent("done"));
            });
        }

        private static ServerSentEvent idOrRefusal(String id) {
            try {
                return ServerSentEvent.of("odd id").withId(id);
            } catch (IllegalArgumentException e) {
                return ServerSentEvent.of("refused: " + e.getMessage());
            }
        }

        @Get("/sse/resume")
        public WebResponse resume() {
            return WebResponse.sse(sink -> {
                RESUMED_FROM.add(sink.lastEventId().orElse("(none)"));
                int from = sink.lastEventId().map(Integer::parseInt).orElse(0);
                for (int i = from + 1; i <= from + 2; i++) {
                    sink.send(ServerSentEvent.of(Integer.toString(i)).withId(Integer.toString(i))
                            .withRetry(Duration.ofMillis(100)));
                }
            });
        }

        @Get("/sse/quiet")
        public WebResponse quiet(@Query String name, @Query Optional<Integer> keepAliveMs) {
            return WebResponse.sse(Duration.ofMillis(keepAliveMs.orElse(60_000)), sink -> {
                try {
                    sink.send(ServerSentEvent.of("hello"));
                    new CountDownLatch(1).await();
                } finally {
                    CLEANUPS.merge(name, 1, Integer::sum);
                }
            });
        }

        @Get("/sse/cleanups")
        public String cleanups(@Query String name) {
            return Integer.toString(CLEANUPS.getOrDefault(name, 0));
        }

        @Get("/sse/fails")
        public WebResponse fails() {
            FAILS_SERVED.incrementAndGet();
            return WebResponse.sse(sink -> {
                sink.send(ServerSentEvent.of("first").withRetry(Duration.ofMillis(100)));
                throw new IllegalStateException("the feed broke");
            });
        }
    }

    private static WebApp app() {
        return WebApp.builder("Sse", "1").routes(Streams.class).build();
    }

    @Test
    void eventSourceDeliversWhatTheHtmlParserReadsFromTheStream() throws Exception {
        BrowserScript.requireTools();
        try (LogCapture log = LogCapture.start(); LiveServer server = LiveServer.start(app())) {
            JsonNode result = run(server.port(), "format");
            JsonNode events = result.path("format").path("events");
            List<String> seen = new ArrayList<>();
            events.forEach(e -> seen.add(e.path("type").asText() + "|" + e.path("data").asText() + "|"
                    + e.path("lastEventId").asText()));
            assertThat(seen).as(result.toString()).containsExactly(
                    "message|two\nlines|", "message|crlf\nline|", "message|lone\ncr|", "message||",
                    "message|trailing\n|", "message|end cr\n|", "message|h\u00e9llo \u2713 \ud834\udd1e|",
                    "message| leading space|", "message|nul\u0000data|", "message|seven|7",
                    "message|refused: SSE id must not contain NUL (U+0000), since browsers ignore such an id: a\\0b|7",
                    "tick|tick data|7", "message|unnamed|7", " spaced|spaced name|7", "message|retry|7", "done|bye|7");
            assertThat(log.problems()).isEmpty();
        }
    }

    @Test
    void theBrowserReconnectsWithLastEventIdAndTheSourceResumes() throws Exception {
        BrowserScript.requireTools();
        RESUMED_FROM.clear();
        try (LogCapture log = LogCapture.start(); LiveServer server = LiveServer.start(app())) {
            JsonNode result = run(server.port(), "resume").path("resume");
            List<String> data = new ArrayList<>();
            result.path("events").forEach(e -> data.add(e.path("data").asText() + "@" + e.path("lastEventId").asText()));
            assertThat(data).as(result.toString()).containsExactly("1@1", "2@2", "3@3", "4@4");
            assertThat(result.path("opens").asInt()).isEqualTo(2);
            assertThat(RESUMED_FROM).containsExactly("(none)", "2");
            assertThat(log.problems()).isEmpty();
        }
    }

    @Test
    void aPageThatClosesItsStreamOrItsTabStopsTheSourceAtOnceAndItsCleanupRunsOnce() throws Exception {
        BrowserScript.requireTools();
        CLEANUPS.clear();
        try (LogCapture log = LogCapture.start(); LiveServer server = LiveServer.start(app())) {
            JsonNode result = run(server.port(), "leave", "tab");
            // the keep-alive interval is a minute: only the closed connection can have stopped them
            assertThat(result.path("leave").path("events").get(0).path("data").asText()).as(result.toString())
                    .isEqualTo("hello");
            assertThat(result.path("leave").path("cleanups").asInt()).as(result.toString()).isEqualTo(1);
            assertThat(result.path("tab").path("first").asText()).as(result.toString()).isEqualTo("hello");
            assertThat(result.path("tab").path("cleanups").asInt()).as(result.toString()).isEqualTo(1);
            assertThat(CLEANUPS).containsExactlyInAnyOrderEntriesOf(Map.of("leave", 1, "tab", 1));
            assertThat(log.problems()).isEmpty();
        }
    }

    @Test
    void aSourceThatThrowsCutsTheStreamTheBrowserReconnectsAndEachFailureIsLoggedOnce() throws Exception {
        BrowserScript.requireTools();
        FAILS_SERVED.set(0);
        try (LogCapture log = LogCapture.start(); LiveServer server = LiveServer.start(app())) {
            JsonNode result = run(server.port(), "fails").path("fails");
            List<String> data = new ArrayList<>();
            result.path("events").forEach(e -> data.add(e.path("data").asText()));
            assertThat(data).as(result.toString()).containsExactly("first", "first");
            // every cut is an error the page sees, then a reconnection; Chromium may drop the event
            // that arrived with a cut, so a stream can open and fail without delivering "first"
            int errors = result.path("errors").asInt();
            assertThat(errors).as(result.toString()).isPositive().isEqualTo(result.path("opens").asInt() - 1);
            assertThat(result.path("readyStateAfterError").asInt()).as("CONNECTING").isZero();
            // the last stream fails too, maybe after the page closed it: wait for every record
            int served = FAILS_SERVED.get();
            assertThat(served).as(result.toString()).isEqualTo(errors + 1);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (log.problems().size() < served && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(log.problems()).as(log.entries().toString()).hasSize(served).allSatisfy(e -> {
                assertThat(e.level()).isEqualTo("ERROR");
                assertThat(e.message()).contains("GET /sse/fails");
                assertThat(e.thrown()).contains("the feed broke");
            });
        }
    }

    @Test
    void keepAliveCommentsReachTheBrowserWhileTheSourceWaits() throws Exception {
        BrowserScript.requireTools();
        try (LogCapture log = LogCapture.start(); LiveServer server = LiveServer.start(app())) {
            JsonNode result = run(server.port(), "comments").path("comments");
            assertThat(result.path("contentType").asText()).isEqualTo("text/event-stream; charset=utf-8");
            assertThat(result.path("text").asText()).as(result.toString())
                    .startsWith("data: hello\n\n: keep-alive\n\n: keep-alive\n\n");
            assertThat(log.problems()).isEmpty();
        }
    }

    @Test
    void aGracefulShutdownEndsOpenStreamsAtOnceRunsTheirCleanupAndExitsCleanly() throws Exception {
        BrowserScript.requireTools();
        CLEANUPS.clear();
        try (LogCapture log = LogCapture.start()) {
            BackgroundServer server = app().server().host("127.0.0.1").port(0)
                    .configure(c -> c.gracefulTimeout(Duration.ofSeconds(20))).build().runInBackground(RunnerConfig.builder().name("sse-shutdown").handleSignals(false).build());
            try {
                Process node = BrowserScript.start("sse.mjs", server.port(), "shutdown");
                BufferedReader lines = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
                List<String> output = new ArrayList<>();
                String line;
                while ((line = lines.readLine()) != null && !line.equals("{\"open\":true}")) {
                    output.add(line);
                }
                assertThat(line).as("the page opened its stream; script output: " + output).isNotNull();
                long start = System.nanoTime();
                server.requestShutdown("test: shutdown with an open stream");
                OptionalInt code = server.awaitExit(Duration.ofSeconds(30));
                long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                JsonNode result = BrowserScript.finish(node, lines).path("shutdown");
                assertThat(code).hasValue(HttpServer.EXIT_OK);
                assertThat(tookMs).as("shutdown did not wait for the graceful timeout").isLessThan(10_000);
                assertThat(CLEANUPS).containsExactlyEntriesOf(Map.of("shutdown", 1));
                assertThat(result.path("errors").asInt()).as("the browser saw the stream end: " + result).isEqualTo(1);
                assertThat(log.problems()).isEmpty();
            } finally {
                server.close();
            }
        }
    }

    private static JsonNode run(int port, String... scenarios) throws Exception {
        return BrowserScript.run("sse.mjs", port, scenarios);
    }
}
