package io.gyre.web;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One Server-Sent Event: data with an optional event name, id and reconnection delay.
 *
 * @param data the data; several lines become several {@code data:} fields
 * @param event the event name; empty for the default {@code message}
 * @param id the event id, which the client sends back as {@code Last-Event-ID} when it reconnects
 * @param retry the reconnection delay the client should use
 */
public record ServerSentEvent(String data, Optional<String> event, Optional<String> id, Optional<Duration> retry) {
    /**
     * Checks the components.
     *
     * @param data the data
     * @param event the event name
     * @param id the id
     * @param retry the reconnection delay
     * @throws IllegalArgumentException if the event name or id holds a line break, the id holds
     *     a NUL (browsers ignore such an id), or the retry delay is negative
     */
    public ServerSentEvent {
        Objects.requireNonNull(data, "data");
        event.ifPresent(e -> requireOneLine("event", e));
        id.ifPresent(i -> {
            requireOneLine("id", i);
            if (i.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("SSE id must not contain NUL (U+0000), since browsers ignore such an id: "
                        + i.replace("\0", "\\0"));
            }
        });
        Objects.requireNonNull(retry, "retry");
        retry.ifPresent(r -> {
            if (r.isNegative()) {
                throw new IllegalArgumentException("SSE retry < 0: " + r);
            }
        });
    }

    private static void requireOneLine(String field, String value) {
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("SSE " + field + " must be one line: "
                    + value.replace("\r", "\\r").replace("\n", "\\n"));
        }
    }

    /**
     * Returns an event with data only.
     *
     * @param data the data
     * @return the event
     */
    public static ServerSentEvent of(String data) {
        return new ServerSentEvent(data, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * Returns a copy with an event name.
     *
     * @param name the event name
     * @return the copy
     * @throws IllegalArgumentException if the name holds a line break
     */
    public ServerSentEvent withEvent(String name) {
        return new ServerSentEvent(data, Optional.of(name), id, retry);
    }

    /**
     * Returns a copy with an id.
     *
     * @param newId the id
     * @return the copy
     * @throws IllegalArgumentException if the id holds a line break or a NUL
     */
    public ServerSentEvent withId(String newId) {
        return new ServerSentEvent(data, event, Optional.of(newId), retry);
    }

    /**
     * Returns a copy with a reconnection delay.
     *
     * @param delay the delay, sent in whole milliseconds
     * @return the copy
     * @throws IllegalArgumentException if the delay is negative
     */
    public ServerSentEvent withRetry(Duration delay) {
        return new ServerSentEvent(data, event, id, Optional.of(delay));
    }

    /**
     * Returns the event in the {@code text/event-stream} wire format, ending with a blank line.
     *
     * @return the encoded event
     */
    public String encode() {
        StringBuilder out = new StringBuilder(data.length() + 32);
        event.ifPresent(e -> out.append("event: ").append(e).append('\n'));
        id.ifPresent(i -> out.append("id: ").append(i).append('\n'));
        retry.ifPresent(r -> out.append("retry: ").append(r.toMillis()).append('\n'));
        for (String line : data.split("\r\n|\r|\n", -1)) {
            out.append("data: ").append(line).append('\n');
        }
        return out.append('\n').toString();
    }

    /** Receives the events of an event stream; see {@link WebResponse#sse}. */
    public interface Sink {
        /**
         * Sends an event and flushes it to the client.
         *
         * @param event the event
         * @throws java.io.UncheckedIOException if the client left; the stream then ends
         */
        void send(ServerSentEvent event);

        /**
         * Returns the {@code Last-Event-ID} the client sent when it reconnected.
         *
         * @return the last id the client saw, or empty on a first connection
         */
        Optional<String> lastEventId();
    }

    /** Produces the events of a stream; it runs until it returns or the client leaves. */
    @FunctionalInterface
    public interface Source {
        /**
         * Produces events.
         *
         * @param sink where to send them
         * @throws Exception any failure; it ends the stream
         */
        void run(Sink sink) throws Exception;
    }
}
