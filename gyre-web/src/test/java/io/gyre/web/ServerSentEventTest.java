package io.gyre.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The wire format of an event, read back by a parser written after the HTML standard's
 * event-stream interpretation (fed one byte at a time), so that what a browser delivers is what
 * the app sent.
 */
class ServerSentEventTest {
    /** An event as an {@code EventSource} dispatches it. */
    record Delivered(String type, String data, String lastEventId) {
    }

    @Test
    void everyKindOfLineBreakInTheDataIsDeliveredAsALineFeed() {
        assertThat(ServerSentEvent.of("a\nb").encode()).isEqualTo("data: a\ndata: b\n\n");
        assertThat(ServerSentEvent.of("a\r\nb").encode()).isEqualTo("data: a\ndata: b\n\n");
        assertThat(ServerSentEvent.of("a\rb").encode()).isEqualTo("data: a\ndata: b\n\n");
        assertThat(deliver(ServerSentEvent.of("one\rtwo\r\nthree\nfour\n\r"))).singleElement()
                .extracting(Delivered::data).isEqualTo("one\ntwo\nthree\nfour\n\n");
    }

    @Test
    void oddDataSurvivesTheBrowsersParser() {
        for (String data : List.of("", "\n", "trailing\n", "\r", " leading space", "  two spaces", ":colon first",
                "data: inside", "nul\u0000inside", "h\u00e9llo \u2713 \ud834\udd1e", "x".repeat(70_000), "\n\n\n")) {
            String expected = data.replace("\r\n", "\n").replace('\r', '\n');
            assertThat(deliver(ServerSentEvent.of(data))).as(data).singleElement()
                    .isEqualTo(new Delivered("message", expected, ""));
        }
    }

    @Test
    void namesIdsAndRetryReachTheBrowser() {
        ServerSentEvent event = ServerSentEvent.of("t").withEvent("tick").withId("7").withRetry(Duration.ofMillis(1500));
        assertThat(event.encode()).isEqualTo("event: tick\nid: 7\nretry: 1500\ndata: t\n\n");
        assertThat(deliver(event)).containsExactly(new Delivered("tick", "t", "7"));
        assertThat(deliver(ServerSentEvent.of("u").withEvent(""))).containsExactly(new Delivered("message", "u", ""));
        assertThat(deliver(ServerSentEvent.of("s").withId(" spaced id"))).containsExactly(new Delivered("message", "s", " spaced id"));
    }

    @Test
    void anIdWithANulIsRefusedSinceBrowsersIgnoreIt() {
        assertThatThrownBy(() -> ServerSentEvent.of("x").withId("a\u0000b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SSE id must not contain NUL (U+0000), since browsers ignore such an id: a\\0b");
    }

    @Test
    void aNegativeRetryIsRefusedSinceBrowsersIgnoreIt() {
        assertThatThrownBy(() -> ServerSentEvent.of("x").withRetry(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SSE retry < 0");
        assertThat(ServerSentEvent.of("x").withRetry(Duration.ZERO).encode()).startsWith("retry: 0\n");
    }

    @Test
    void aKeepAliveIntervalOfZeroOrLessIsRefusedSinceItWouldWriteWithoutPause() {
        ServerSentEvent.Source quiet = sink -> { };
        for (Duration interval : List.of(Duration.ZERO, Duration.ofSeconds(-1))) {
            assertThatThrownBy(() -> WebResponse.sse(interval, quiet)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("keep-alive interval must be positive").hasMessageContaining("ofSeconds(15)");
        }
        assertThat(WebResponse.sse(Duration.ofMillis(1), quiet).status()).isEqualTo(200);
    }

    @Test
    void lineBreaksInNamesAndIdsAreRefused() {
        assertThatThrownBy(() -> ServerSentEvent.of("x").withEvent("a\rb"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("SSE event must be one line: a\\rb");
        assertThatThrownBy(() -> ServerSentEvent.of("x").withId("a\nb"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("SSE id must be one line: a\\nb");
        assertThatThrownBy(() -> new ServerSentEvent("x", Optional.empty(), Optional.of("a\r\nb"), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Encodes, then parses as a browser does, one byte at a time. */
    private static List<Delivered> deliver(ServerSentEvent event) {
        Parser parser = new Parser();
        for (byte b : event.encode().getBytes(StandardCharsets.UTF_8)) {
            parser.feed(b);
        }
        return parser.delivered;
    }

    /** The HTML standard's event-stream interpretation, for a whole stream of UTF-8 bytes. */
    private static final class Parser {
        final List<Delivered> delivered = new ArrayList<>();
        private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
        private boolean lastWasCr;
        private final StringBuilder data = new StringBuilder();
        private String type = "";
        private String lastEventId = "";
        private String idBuffer = "";

        void feed(byte b) {
            if (b == '\n' && lastWasCr) {
                lastWasCr = false;
                return;
            }
            lastWasCr = b == '\r';
            if (b == '\r' || b == '\n') {
                line(line.toString(StandardCharsets.UTF_8));
                line.reset();
            } else {
                line.write(b);
            }
        }

        private void line(String text) {
            if (text.isEmpty()) {
                dispatch();
                return;
            }
            if (text.startsWith(":")) {
                return;
            }
            int colon = text.indexOf(':');
            String field = colon < 0 ? text : text.substring(0, colon);
            String value = colon < 0 ? "" : text.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (field) {
                case "event" -> type = value;
                case "data" -> data.append(value).append('\n');
                case "id" -> {
                    if (value.indexOf('\u0000') < 0) {
                        idBuffer = value;
                    }
                }
                default -> {
                    // retry and unknown fields deliver nothing
                }
            }
        }

        private void dispatch() {
            lastEventId = idBuffer;
            if (data.isEmpty()) {
                type = "";
                return;
            }
            String text = data.substring(0, data.length() - 1);
            delivered.add(new Delivered(type.isEmpty() ? "message" : type, text, lastEventId));
            data.setLength(0);
            type = "";
        }
    }
}
