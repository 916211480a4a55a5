package io.gyre.server;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A complete WebSocket message: {@link Text} or {@link Binary}. Fragmented messages arrive
 * reassembled (and inflated, when permessage-deflate is in use).
 *
 * {@snippet :
 * switch (session.receive()) {
 *     case WebSocketMessage.Text t -> session.send("echo: " + t.text());
 *     case WebSocketMessage.Binary b -> session.send(b.data());
 * }
 * }
 */
public sealed interface WebSocketMessage {
    /**
     * Creates a text message.
     *
     * @param text the text
     * @return the message
     */
    static WebSocketMessage text(String text) {
        return new Text(text);
    }

    /**
     * Creates a binary message.
     *
     * @param data the bytes (not copied)
     * @return the message
     */
    static WebSocketMessage binary(byte[] data) {
        return new Binary(data);
    }

    /**
     * Returns the payload's size in bytes (UTF-8 bytes for text).
     *
     * @return the size
     */
    int size();

    /**
     * A text message.
     *
     * @param text the text (valid UTF-8 on the wire)
     */
    record Text(String text) implements WebSocketMessage {
        /**
         * Checks the text.
         *
         * @param text the text
         */
        public Text {
            java.util.Objects.requireNonNull(text, "text");
        }

        @Override
        public int size() {
            return text.getBytes(StandardCharsets.UTF_8).length;
        }
    }

    /**
     * A binary message.
     *
     * @param data the bytes; the array is shared, not copied
     */
    record Binary(byte[] data) implements WebSocketMessage {
        /**
         * Checks the data.
         *
         * @param data the bytes
         */
        public Binary {
            java.util.Objects.requireNonNull(data, "data");
        }

        @Override
        public int size() {
            return data.length;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Binary b && Arrays.equals(data, b.data);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "Binary[" + data.length + " bytes]";
        }
    }
}
